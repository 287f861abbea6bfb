/**
 * A report page: «Печать» prints (a `javascript:` link is blocked by the page's CSP), and the
 * filters form leaves out the fields left empty («все», no client number), which the report's
 * query would otherwise refuse.
 */
document.getElementById('print')?.addEventListener('click', () => window.print());

const filters = document.querySelector<HTMLFormElement>('form.filters');
filters?.addEventListener('submit', () => {
  for (const field of filters.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')) {
    if (field.value.trim() === '') field.disabled = true;
  }
});
// Back from the report to this page: the fields come back enabled.
window.addEventListener('pageshow', () => {
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form.filters [disabled]')) field.disabled = false;
});
