// Light and dark: the system's choice by default (prefers-color-scheme), or the one picked with the toggle
// (kept in localStorage). Charts read their colours from the CSS variables and are redrawn on a change.
const KEY = 'ccmeter-theme';
const CHOICES = ['auto', 'light', 'dark'] as const;
type Choice = (typeof CHOICES)[number];

/** Series colours, distinguishable with the common colour-vision deficiencies (Paul Tol's "bright"). */
export const PALETTE = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb'];

function stored(): Choice {
  const v = localStorage.getItem(KEY);
  return (CHOICES as readonly string[]).includes(v ?? '') ? (v as Choice) : 'auto';
}

function apply(choice: Choice, button: HTMLButtonElement): void {
  if (choice === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
  button.textContent = `Theme: ${choice}`;
  button.setAttribute('aria-label', `Colour theme: ${choice}. Press to change.`);
}

export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Wires the toggle; `changed` runs after each change (and when the system theme changes under auto). */
export function initTheme(button: HTMLButtonElement, changed: () => void): void {
  let choice = stored();
  apply(choice, button);
  button.addEventListener('click', () => {
    choice = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length]!;
    localStorage.setItem(KEY, choice);
    apply(choice, button);
    changed();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (choice === 'auto') changed();
  });
}
