/**
 * Command-line switches that would open the app to a debugger or a remote
 * controller. The packaged app also has the inspect fuses off; this refuses
 * them before anything else runs, in every build.
 */
const FORBIDDEN = [
  /^--remote-debugging-/i,
  /^--inspect/i,
  /^--remote-allow-origins/i,
  /^--js-flags/i,
];

export function forbiddenSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) => FORBIDDEN.some((pattern) => pattern.test(arg)));
}
