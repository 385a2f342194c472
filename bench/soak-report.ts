import type { Invariants, SoakReport } from './soak';

const seconds = (ms: number | null): string => (ms === null ? '–' : (ms / 1000).toFixed(1));
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '–');
const codes = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(', ') || '–';

const INVARIANTS: Record<keyof Invariants, string> = {
  gatewayAlive: 'the gateway process never died and answered its health check at the end',
  everyRequestAnswered:
    'every request got an answer (whole, partial or an error) before the soak stopped waiting',
  noOtherExit: 'no other process of the hub exited than the one killed on purpose',
  errorsOnlyInOutages: 'errors only within the outages (from the fault until ready again, plus the margin)',
  everyOutageFelt: 'each fault showed in the answers (the soak tested what it says)',
  recovered: 'whole answers again after each outage',
  nothingLost:
    'every answered read of personal data has its line in the processing log of each partner that answered',
};

/** The invariants as lines `ok`/`FAILED`, for the console and the results file. */
export function verdictLines(report: SoakReport): string[] {
  return (Object.keys(INVARIANTS) as (keyof Invariants)[]).map(
    (key) => `${report.invariants[key] ? 'ok    ' : 'FAILED'} ${INVARIANTS[key]}`,
  );
}

/** bench/SOAK.md: what was done, the verdict, each outage, the processing-log check and every second. */
export function renderSoak(report: SoakReport): string {
  const { options, totals } = report;
  const lines: string[] = [
    '# Soak results',
    '',
    `Written by \`${options.command}\` on ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC ` +
      `(${(report.finishedMs / 1000).toFixed(0)} s in all): ${report.machine.cores} cores (${report.machine.cpu}), ` +
      `Node ${report.machine.node}, ${report.machine.postgres}; one-minute load average ` +
      `${report.machine.loadAverage.map((n) => n.toFixed(1)).join(' at the start and ')} at the end of the load ` +
      '(other work on a shared machine shows here, and as latency below). Do not edit by hand; run the soak again.',
    '',
    `Gateway and five subgraphs ran as separate processes (built \`dist/\`) against data of scale ${options.scale}; ` +
      `the load came at ${options.rate} requests per second (open loop), ${Math.round(options.dashboardShare * 100)}% ` +
      'the regional dashboard (statistics, ANALIST) and the rest the chain view of one resident ' +
      '(`inwoner(bsn)` across all five partners, KLANTMANAGER, purpose uitvoering). ' +
      `Each fault lasted ${seconds(options.outageMs)} s; errors up to ${seconds(options.marginMs)} s after the ` +
      `hub was ready again still count as the outage's. Database outage: ${report.databaseFault}.`,
    '',
    '## Verdict',
    '',
    `**${report.passed ? 'Passed' : 'FAILED'}.**`,
    '',
    ...verdictLines(report).map(
      (line) => `- ${line.replace(/^ok {4}/, 'ok: ').replace(/^FAILED/, '**FAILED**:')}`,
    ),
    '',
    `Requests: ${totals.all.requests} (${totals.all.whole} whole, ${totals.all.partial} partial, ${totals.all.failed} failed, ${totals.all.unanswered} unanswered)` +
      `${report.capped ? `; the load stopped at its cap of ${options.maxRequests} requests` : ''}. ` +
      `Latency over the whole run: p50 ${ms(report.latency.p50)} ms, p99 ${ms(report.latency.p99)} ms, ` +
      `max ${ms(report.latency.max)} ms. Errors outside the outages: ${report.unexpectedErrors.count}` +
      `${report.exits.length ? `; processes that exited: ${report.exits.join(', ')}` : ''}.`,
    '',
    '## Outages',
    '',
    '| fault | began (s) | undone after (s) | ready after (s) | failing or partial answers | error codes | errors ended after (s) | first whole answer after (s) |',
    '| --- | --: | --: | --: | --: | --- | --: | --: |',
    ...report.outages.map(
      (o) =>
        `| ${o.description} | ${seconds(o.faultAt)} | ${seconds(o.restoredAt - o.faultAt)} | ` +
        `${seconds(o.readyAt - o.restoredAt)} | ${o.errors} | ${codes(o.codes)} | ${seconds(o.recoveryMs)} | ` +
        `${seconds(o.firstWholeMs)} |`,
    ),
    '',
    '"Ready after" and the two recovery times count from when the fault was undone (the killed process started ' +
      'again, the database reachable again): a restarted subgraph is ready when its `/readyz` answers, after ' +
      'the database outage when every subgraph’s `/readyz` answers again.',
    '',
    '## Processing log',
    '',
    'Each answered read of a resident, per partner that answered its part (a partial answer counts only the ' +
      'partners that answered), looked up in that partner’s `verwerking` table by the request’s trace id ' +
      'and the resident’s pseudonym under the partner’s key.',
    '',
    '| partner | answered reads | with their log line | missing |',
    '| --- | --: | --: | --: |',
    ...report.processLog.map(
      (check) =>
        `| ${check.partner} | ${check.reads} | ${check.found} | ${check.reads - check.found}` +
        `${check.missing.length ? ` (${check.missing.join(', ')})` : ''} |`,
    ),
    '',
    '## Every second',
    '',
    'Answers by the second in which they came back (phase "after the load": answers to requests still in ' +
      'flight when the last steady phase ended); latency in ms from send to answer, so a backlog shows as ' +
      'latency rather than as errors.',
    '',
    '| s | phase | whole | partial | failed | error codes | p50 | p99 | max |',
    '| --: | --- | --: | --: | --: | --- | --: | --: | --: |',
    ...report.seconds.map(
      (s) =>
        `| ${s.second} | ${s.phase} | ${s.whole} | ${s.partial} | ${s.failed} | ${codes(s.codes)} | ` +
        `${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`,
    ),
    '',
  ];
  if (report.unexpectedErrors.count > 0) {
    lines.push('## Errors outside the outages', '', '| sent (ms) | answered (ms) | kind | outcome | codes |');
    lines.push('| --: | --: | --- | --- | --- |');
    for (const e of report.unexpectedErrors.samples)
      lines.push(`| ${ms(e.startMs)} | ${ms(e.endMs)} | ${e.kind} | ${e.outcome} | ${e.codes.join(', ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
