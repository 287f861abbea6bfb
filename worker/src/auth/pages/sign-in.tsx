/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg } from '../../platform/i18n';

/** The sign-in form in the chosen language (Russian unless the user switched; its script: pages/src/sign-in.ts). */
export function SignInView({ lang }: { lang: Lang }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  return (
    <div class="card" style="max-width:420px;margin:60px auto">
      <h1 style="margin-top:0">{m('signIn.heading')}</h1>
      <form id="sign-in">
        <label for="email">{m('signIn.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{m('signIn.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{m('signIn.submit')}</button>
        <p id="message" role="status" />
      </form>
      <p style="margin-bottom:0">
        <button type="button" class="secondary" id="lang-switch" data-lang={other} lang={other}>
          {m('menu.otherLang')}
        </button>
      </p>
    </div>
  );
}
