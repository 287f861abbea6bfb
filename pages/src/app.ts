// Every signed-in page: «Выйти» ends the session and returns to the sign-in page.
document.getElementById('sign-out')?.addEventListener('click', async () => {
  await fetch('/api/auth/sign-out', { method: 'POST' });
  location.href = '/sign-in';
});
