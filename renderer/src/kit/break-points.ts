/** Splits a value after each separator where a line may wrap: "a:b/c" -> ["a:", "b/", "c"]. Joined, the parts are the value. */
export function breakPoints(text: string): string[] {
  return text.split(/(?<=[/:.?&=#,])(?=.)/s);
}
