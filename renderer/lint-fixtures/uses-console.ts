// expect: no-console
export function shout(): void {
  console.log('hello');
}
