import { h } from './dom.js';

/** The page's building blocks: a titled panel, an empty note, a table. */

export function section(title: string, testId: string, ...content: (Node | string)[]): HTMLElement {
  return h('section', { class: 'panel', 'data-testid': testId }, h('h2', {}, title), ...content);
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

export function table(headings: readonly string[], rows: readonly (readonly (Node | string)[])[]) {
  return h(
    'div',
    { class: 'table' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((heading) => h('th', {}, heading)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((cell) => h('td', {}, cell)),
          ),
        ),
      ),
    ),
  );
}
