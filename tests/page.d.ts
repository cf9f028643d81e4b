// What the tests read and set on the app's page inside page.evaluate (tests/tsconfig.json).
interface Window {
  /** Emscripten's module: the app's exported functions (_tasjil_*) and its memory. */
  Module: any;
  /** The page's platform object (web/platform.mjs), what the C++ side calls. */
  TasjilPlatform: any;
  /** axe-core, injected by the accessibility checks. */
  axe: any;
  /** The WebGL context's WEBGL_lose_context extension, kept between two evaluations. */
  __lose: WEBGL_lose_context;
  /** How many times the page asked to print, where window.print is replaced. */
  __printed: number;
  /** The console's benchmark: the console drew its first frame. */
  __ready: boolean;
}
