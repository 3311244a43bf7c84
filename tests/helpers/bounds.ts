// How long a test lets a program it starts (Chromium, pandoc) run before it
// gives up on it: not a time limit on the test (a slow machine is no
// failure), a bound on a hang, so a stuck child fails the test after minutes
// instead of holding CI for ever.
export const HANG_BOUND_MS = 3 * 60 * 1000;
