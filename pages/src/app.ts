// Every signed-in page: «Выйти» ends the session and returns to the sign-in page.
document.getElementById('sign-out')?.addEventListener('click', async () => {
  await fetch('/api/auth/sign-out', { method: 'POST' });
  location.href = '/sign-in';
});

// The «Мой день» menu item's badge: overdue tasks + calls to return.
const badge = document.getElementById('menu-today-count');
if (badge) {
  fetch('/api/today/counts', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ overdue: number; missed: number }>) : null))
    .then((counts) => {
      if (!counts || counts.overdue + counts.missed === 0) return;
      badge.textContent = String(counts.overdue + counts.missed);
      badge.title = `Просрочено задач: ${counts.overdue}, пропущенных звонков: ${counts.missed}`;
      badge.hidden = false;
    })
    .catch(() => undefined);
}
