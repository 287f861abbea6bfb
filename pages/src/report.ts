/**
 * A report page: «Печать» prints (the page's CSP blocks inline handlers, so it is bound here); the
 * filters form leaves out the fields left empty («все», no client number) for a tidy address (the
 * report takes them as "all" too); a click on a column header sorts the table — numbers as numbers.
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

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/** Sorts the body rows of `table` by column `index`; empty cells («—») go last either way. */
function sortBy(table: HTMLTableElement, header: HTMLTableCellElement, index: number): void {
  const body = table.tBodies[0];
  if (!body || body.rows.length < 2) return;
  const ascending = header.getAttribute('aria-sort') !== 'ascending';
  const numeric = header.dataset['sort'] === 'number';
  const value = (row: HTMLTableRowElement) => row.cells[index]?.dataset['v'] ?? '';
  const rows = [...body.rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
    return ascending ? order : -order;
  });
  body.append(...rows);
  for (const th of table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) th.setAttribute('aria-sort', 'none');
  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
}

for (const table of document.querySelectorAll<HTMLTableElement>('table.sortable')) {
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')];
  headers.forEach((th, index) => {
    th.addEventListener('click', () => sortBy(table, th, index));
    th.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        sortBy(table, th, index);
      }
    });
  });
}
