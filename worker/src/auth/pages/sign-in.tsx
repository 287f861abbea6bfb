/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** The sign-in form (its script: pages/src/sign-in.ts). */
export function SignInView(): Child {
  return (
    <div class="card" style="max-width:420px;margin:60px auto">
      <h1 style="margin-top:0">Вход в Воронку</h1>
      <p class="muted">Sign in to Voronka</p>
      <form id="sign-in">
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">Пароль / Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Войти</button>
        <p id="message" role="status" />
      </form>
    </div>
  );
}
