// Runs in the browser before the app's own code.
import { config } from "zod/v4/core";

// Zod probes whether it may compile parsers with `new Function`; under our
// Content-Security-Policy (no 'unsafe-eval', see proxy.ts) the probe is
// refused and reported as a violation. Parse without compiling instead.
config({ jitless: true });
