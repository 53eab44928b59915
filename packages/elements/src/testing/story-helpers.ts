import type { Me } from '@baylink/sdk';
import {
  createMemoryClient,
  type MemoryClient,
  type MemoryClientOptions,
} from './memory-client.ts';

/**
 * What the Storybook toolbar sets (see storybook/.storybook/preview.ts): the signed-in user's
 * language and the colour theme.
 */
export interface StoryGlobals {
  locale?: string;
  theme?: string;
}

/** A memory client whose user speaks the toolbar's language. */
export function storyClient(
  globals: StoryGlobals,
  options: MemoryClientOptions = {},
): MemoryClient {
  const language: Me['language'] = globals.locale === 'fr' ? 'fr' : 'en';
  return createMemoryClient({
    ...options,
    me: {
      name: language === 'fr' ? 'Marie-Ève Tremblay' : 'Alex Martin',
      email: language === 'fr' ? 'marie-eve.tremblay@example.com' : 'alex.martin@example.com',
      jobPosition: language === 'fr' ? 'Conseillère technique' : 'Service advisor',
      referenceId: 'SA-1042',
      ...options.me,
      language,
    },
  });
}

/** The toolbar's theme, as the elements' `theme` attribute. */
export function storyTheme(globals: StoryGlobals): 'light' | 'dark' {
  return globals.theme === 'dark' ? 'dark' : 'light';
}

/** Waits for an element's update (and its nested elements'), for play functions. */
export async function settled(element: Element | null): Promise<void> {
  if (element && 'updateComplete' in element)
    await (element as { updateComplete: Promise<unknown> }).updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
