/** Tools whose absence this test file reported already: one line per tool, however many blocks need it. */
const reported = new Set<string>();

/**
 * `describe` when the tool a block needs is on the machine. Without it a developer's `npm test` skips
 * the block and says in one line how to get the tool; in CI (`CI` set, as `.ci/run` does) the block
 * fails instead, so a machine without the tool cannot pass the suite by skipping it.
 */
export function describeWithTool(
  tool: { available: boolean; missing: string },
  name: string,
  body: () => void,
): void {
  if (tool.available) return describe(name, body);
  if (process.env.CI) {
    describe(name, () => {
      it('finds what it needs on the machine', () => {
        throw new Error(tool.missing);
      });
    });
    return;
  }
  if (!reported.has(tool.missing)) {
    reported.add(tool.missing);
    console.warn(`${tool.missing}; skipped.`);
  }
  describe.skip(name, body);
}
