# Warnings and sanitizers for the project's own targets (never for third-party code).
# Designated initialisers leave the members they do not name at their defaults on purpose
# (screen specs, intents): GCC's missing-field-initializers would flag every one.
add_library(tasjil_options INTERFACE)
target_compile_options(tasjil_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough -Wno-missing-field-initializers)
if(TASJIL_WERROR)
  target_compile_options(tasjil_options INTERFACE -Werror)
endif()
if(TASJIL_SANITIZE AND NOT EMSCRIPTEN)
  target_compile_options(tasjil_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(tasjil_options INTERFACE -fsanitize=address,undefined)
endif()

# libFuzzer builds (clang only): every project target is instrumented for coverage with ASan and
# UBSan; the harnesses in tests/fuzz link libFuzzer's main.
option(TASJIL_FUZZ "Build the libFuzzer harnesses (tests/fuzz) with clang" OFF)
if(TASJIL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TASJIL_FUZZ needs clang (the fuzz preset uses Debian's clang-14)")
  endif()
  target_compile_options(tasjil_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(tasjil_options INTERFACE -fsanitize=address,undefined)
endif()
