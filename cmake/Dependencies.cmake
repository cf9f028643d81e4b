# Third-party libraries, all from Debian packages.
#   nlohmann_json (nlohmann-json3-dev), date (libhowardhinnant-date-dev), Catch2 v2 (catch2),
#   Google Benchmark (libbenchmark-dev, native only).
# Under Emscripten the Debian headers cannot be reached through /usr/include (it would shadow
# the wasm sysroot), so each header-only library gets its own include folder of symlinks.

set(TASJIL_SYSTEM_INCLUDE "/usr/include" CACHE PATH "Where Debian installs the header-only libraries")

function(tasjil_header_library target)
  # tasjil_header_library(<target> <subdir>...): an INTERFACE target exposing the given
  # subfolders of /usr/include, and nothing else.
  set(dir "${CMAKE_BINARY_DIR}/_deps/${target}")
  file(MAKE_DIRECTORY "${dir}")
  foreach(sub IN LISTS ARGN)
    if(NOT EXISTS "${TASJIL_SYSTEM_INCLUDE}/${sub}")
      message(FATAL_ERROR "${TASJIL_SYSTEM_INCLUDE}/${sub} is missing: run scripts/setup")
    endif()
    file(CREATE_LINK "${TASJIL_SYSTEM_INCLUDE}/${sub}" "${dir}/${sub}" SYMBOLIC)
  endforeach()
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${dir}")
endfunction()

tasjil_header_library(tasjil_json nlohmann)
if(EMSCRIPTEN)
  # The browser build runs without C++ exceptions (a throw aborts) and no code of ours catches
  # one; without the exception objects and their messages nlohmann's code is smaller.
  target_compile_definitions(tasjil_json INTERFACE JSON_NOEXCEPTION)
endif()
tasjil_header_library(tasjil_date date)
target_compile_definitions(tasjil_date INTERFACE ONLY_C_LOCALE=1)
if(TASJIL_BUILD_TESTS)
  tasjil_header_library(tasjil_catch2 catch2)
endif()

if(NOT EMSCRIPTEN AND TASJIL_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Sources of Dear ImGui and FriBidi, fetched by scripts/setup (used by later targets).
set(TASJIL_THIRD_PARTY "${PROJECT_SOURCE_DIR}/third_party" CACHE PATH "Unpacked Debian source packages")
