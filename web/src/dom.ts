/** A few lines instead of a framework: elements from a tag, attributes and children. */

export type Child = Node | string | number | null | undefined | false;

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Readonly<Record<string, string | undefined>> = {},
  ...children: readonly (Child | readonly Child[])[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

export function svg(
  tag: string,
  attributes: Readonly<Record<string, string | number>> = {},
  ...children: readonly (Child | readonly Child[])[]
): Element {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Element, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** A bar filled to `percent`: the width is set through the CSSOM, which the page's CSP allows. */
export function progressBar(percent: number, label: string, kind = ''): HTMLElement {
  const clamped = Math.max(0, Math.min(100, percent));
  const fill = h('span', { class: `fill ${kind}`.trim() });
  fill.style.width = `${clamped}%`;
  return h(
    'span',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-valuenow': String(Math.round(clamped)),
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-label': label,
    },
    fill,
  );
}

export function badge(text: string): HTMLElement {
  return h(
    'span',
    { class: `badge ${text.toLowerCase().replaceAll('_', '-')}` },
    text.replaceAll('_', ' '),
  );
}

export const hours = (value: number) => `${Math.round(value * 100) / 100}h`;

export function time(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
