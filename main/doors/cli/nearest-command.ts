/**
 * The command a mistyped name most likely meant, as git and npm suggest one ("did you mean"): the smallest
 * edit distance (optimal string alignment: a swap of two neighbouring letters counts once), within a third of
 * the name's length (at least 2), or the one command the name begins.
 */
export function nearestCommand(name: string, commands: readonly string[]): string | undefined {
  const typed = name.toLowerCase();
  const starting = commands.filter((command) => typed.length >= 2 && command.startsWith(typed));
  if (starting.length === 1) return starting[0];
  let best: { command: string; distance: number } | undefined;
  for (const command of commands) {
    const distance = editDistance(typed, command);
    if (!best || distance < best.distance) best = { command, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.command : undefined;
}

function editDistance(a: string, b: string): number {
  // Names longer than any command are not worth comparing letter by letter.
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
