// What must never reach production, checked by `npm run deploy` before it touches Cloudflare.

/** KEY=VALUE lines of a .dev.vars-style text (comments and blanks skipped). */
function vars(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/**
 * Reasons, in Russian and English, why these production variables must not be deployed: the
 * sandbox PBX (it lets any signed-in user play calls into the pipeline) and click-to-call through it.
 */
export function productionProblems(text) {
  const v = vars(text);
  const problems = [];
  if ((v.SANDBOX_PBX ?? '').toLowerCase() === 'on')
    problems.push('SANDBOX_PBX=on: тестовая АТС в рабочей установке недопустима / the sandbox PBX must be off in production');
  if ((v.TELEPHONY_PROVIDER ?? '').toLowerCase() === 'sandbox')
    problems.push('TELEPHONY_PROVIDER=sandbox: звонки через тестовую АТС / click-to-call through the sandbox PBX');
  return problems;
}
