/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Me } from '../../../../schema/contracts';
import type { z } from 'zod';

const ROLE_RU = { manager: 'менеджер', head: 'руководитель отдела продаж', admin: 'администратор' } as const;

/** The start page after sign-in: who you are and where to go. */
export function HomeView({ me }: { me: z.infer<typeof Me> }): Child {
  return (
    <div class="card">
      <h1 style="margin-top:0">Здравствуйте, {me.name}</h1>
      <p>
        Роль: <b>{ROLE_RU[me.role]}</b> · {me.email}
      </p>
      <p class="muted">Отчёты для руководителей появятся здесь по мере готовности. Reports for heads of sales will appear here.</p>
      <ul>
        <li>
          <a href="/app/tokens">Токены расширения и виджетов</a> — подключить расширение Chrome и виджеты 1С
        </li>
        <li>
          <a href="/api/docs">Справочник API</a>
        </li>
        {me.role === 'admin' ? (
          <li>
            <a href="/app/sync">Состояние интеграций</a> — АТС, 1С, почта: принятое, отклонённое, повтор
          </li>
        ) : null}
      </ul>
    </div>
  );
}
