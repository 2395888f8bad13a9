// A node:test reporter that prints nothing but one closing line with the counts, after the spec reporter's
// output: "tests: 212 passed, 0 failed, 1 skipped (4.2 s)".
export default async function* summary(source) {
  let passed = 0, failed = 0, skipped = 0, todo = 0;
  const started = performance.now();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.todo) todo++; // a todo's failure is expected and does not fail the run
    else if (event.type === 'test:fail') failed++;
    else if (event.data.skip) skipped++;
    else passed++;
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  yield `\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${todo ? `, ${todo} todo` : ''} (${secs} s)\n`;
}
