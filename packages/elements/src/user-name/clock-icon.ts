import { svg } from 'lit';

/** The small clock of article 000 ("a small clock right next to it"), drawn in `currentColor`. */
export const clockIcon = svg`<svg class="clock-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.5V8l2.5 1.75" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
