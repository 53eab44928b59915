/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { BaylinkElement, define } from './baylink-element.ts';

describe('define()', () => {
  it('registers a tag once and does not throw when the same class comes again', () => {
    class BayDefineOnce extends BaylinkElement {}
    define('bay-define-once', BayDefineOnce);
    expect(customElements.get('bay-define-once')).to.equal(BayDefineOnce);
    expect(() => define('bay-define-once', BayDefineOnce)).not.to.throw();
  });

  it('warns once, without throwing, when another copy defined the tag first', () => {
    class First extends BaylinkElement {}
    class Second extends BaylinkElement {}
    define('bay-define-twice', First);
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      define('bay-define-twice', Second);
      define('bay-define-twice', Second);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('bay-define-twice')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('<bay-define-twice> is already defined');
  });
});
