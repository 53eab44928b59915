import type { AxeResults, RunOptions } from 'axe-core';

/**
 * Helpers for element tests in a real browser: queries and text that cross shadow roots, and
 * an axe-core accessibility check.
 */

/** The first element matching `selector` in `root` or any shadow root below it. */
export function deepQuery<E extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): E | null {
  return deepQueryAll<E>(root, selector)[0] ?? null;
}

/** Every element matching `selector` in `root` and the shadow roots below it, in tree order. */
export function deepQueryAll<E extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): E[] {
  const found: E[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    if (node instanceof Element && node.matches(selector)) found.push(node as E);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.children)) visit(child);
  };
  visit(root);
  return found;
}

/** The text a user sees in `root`, shadow roots included (styles and hidden elements skipped). */
export function deepText(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (!(node instanceof Element || node instanceof ShadowRoot)) return;
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      if (node.hasAttribute('hidden')) return;
      if (node.shadowRoot) {
        visit(node.shadowRoot);
        // Slotted children render through the shadow root's slots.
        if (node.shadowRoot.querySelector('slot')) node.childNodes.forEach(visit);
        return;
      }
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

type Axe = { run(context: Element, options: RunOptions): Promise<AxeResults> };

async function loadAxe(): Promise<Axe> {
  const holder = window as unknown as { axe?: Axe };
  // axe-core is a UMD script: run as a module it registers `window.axe`.
  if (!holder.axe) await import('axe-core');
  if (!holder.axe) throw new Error('axe-core did not load');
  return holder.axe;
}

/**
 * Runs axe-core on `element` (its shadow roots included) and fails with every violation named.
 * WCAG 2.2 A and AA rules and best practices are checked.
 */
export async function expectAccessible(element: Element): Promise<void> {
  const axe = await loadAxe();
  const results = await axe.run(element, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
    resultTypes: ['violations'],
    rules: {
      // A component is not a page: these rules are about whole documents.
      region: { enabled: false },
      'page-has-heading-one': { enabled: false },
      'landmark-one-main': { enabled: false },
    },
  });
  if (results.violations.length > 0) {
    const report = results.violations
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
            .map((node) => `  - ${node.target.join(' > ')}: ${node.failureSummary ?? ''}`)
            .join('\n')}`,
      )
      .join('\n');
    throw new Error(
      `axe found ${results.violations.length} accessibility violation(s):\n${report}`,
    );
  }
}
