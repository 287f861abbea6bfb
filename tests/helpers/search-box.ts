import type { Page } from 'puppeteer-core';
import type { PageElement } from './dom';

/** Types into the header search box (clearing it first, as a person selects all and types over). */
export async function typeInSearch(page: Page, text: string): Promise<void> {
  await page.click('#search-q', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#search-q', text);
}

/** The suggestions once the list answers for exactly the text typed (its data-for), not for a part of it typed earlier. */
export async function suggestionsFor(page: Page, typed: string): Promise<string[]> {
  await page.waitForFunction(
    (text) => {
      const list = (
        globalThis as unknown as { document: { getElementById(id: string): { hidden: boolean; dataset: Record<string, string> } | null } }
      ).document.getElementById('search-list');
      return list !== null && !list.hidden && list.dataset['for'] === text;
    },
    {},
    typed,
  );
  return page.$$eval('#search-list li[role=option] b', (els) => els.map((el) => (el as unknown as PageElement).textContent ?? ''));
}
