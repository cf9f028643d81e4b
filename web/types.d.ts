// Names the build writes into the web glue (scripts/hash-web.mjs), for the type checker
// (tsconfig.json); the bundle leaves this file out.
declare const __TASJIL_ASSETS__: Record<string, { url: string; bytes: number }>;
declare const __TASJIL_PRECACHE__: string[];
declare const __TASJIL_VERSION__: string;
