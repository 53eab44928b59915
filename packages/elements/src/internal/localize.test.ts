/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { en } from '../translations/en.ts';
import { fr } from '../translations/fr.ts';
import {
  formatBytes,
  formatPercent,
  matchLanguage,
  onTranslationsChange,
  registerTranslation,
  supportedLanguages,
  translate,
} from './localize.ts';

describe('localize', () => {
  it('has a French string for every English key, none left in English by mistake', () => {
    expect(Object.keys(fr).sort()).to.deep.equal(Object.keys(en).sort());
    const untranslated = Object.keys(en).filter(
      (key) => en[key as keyof typeof en] === fr[key as keyof typeof fr],
    );
    // Only words that are the same in both languages.
    expect(untranslated.sort()).to.deep.equal(
      [
        'profile.photo.label',
        'notifications.heading',
        'settings.section.signature',
        'settings.section.notifications',
        'preferences.switch',
      ].sort(),
    );
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  it('maps language tags to a supported language, or none', () => {
    expect(matchLanguage('fr-CA')).to.equal('fr');
    expect(matchLanguage('EN')).to.equal('en');
    expect(matchLanguage('de')).to.equal(undefined);
    expect(matchLanguage('')).to.equal(undefined);
    expect(matchLanguage(null)).to.equal(undefined);
    expect(supportedLanguages()).to.include.members(['en', 'fr']);
  });

  it('fills placeholders and prefers element overrides over registered and built-in strings', () => {
    expect(translate('en', 'profile.error.tooLong', undefined, { max: 120 })).to.equal(
      'Use 120 characters or fewer.',
    );
    expect(translate('fr', 'profile.save', { fr: { 'profile.save': 'Enregistrer' } })).to.equal(
      'Enregistrer',
    );
    expect(translate('fr-CA', 'profile.save', undefined)).to.equal('Enregistrer les modifications');
    expect(translate('de', 'profile.save', undefined)).to.equal('Save changes');
  });

  it('adds a language and tells listeners when strings are registered', () => {
    let calls = 0;
    const stop = onTranslationsChange(() => {
      calls += 1;
    });
    registerTranslation('es', { 'profile.save': 'Guardar cambios' });
    stop();
    registerTranslation('es', { 'profile.name': 'Nombre' });
    expect(calls).to.equal(1);
    expect(matchLanguage('es-MX')).to.equal('es');
    expect(translate('es', 'profile.save', undefined)).to.equal('Guardar cambios');
    // Missing strings of a partial language fall back to English.
    expect(translate('es', 'profile.email', undefined)).to.equal('Email');
  });

  it('formats sizes and percentages with Intl', () => {
    const loose = (text: string) => text.replace(/\s/g, ' ');
    expect(loose(formatBytes('en', 5 * 1024 * 1024))).to.equal('5 MB');
    expect(loose(formatBytes('fr', 5 * 1024 * 1024))).to.equal('5 Mo');
    expect(loose(formatBytes('en', 1536))).to.equal('1.5 kB');
    expect(formatBytes('en', 5 * 1024 * 1024)).not.to.contain(' ');
    expect(formatPercent('en', 0.425)).to.equal('43%');
    expect(loose(formatPercent('fr', 1.2))).to.equal('100 %');
  });
});
