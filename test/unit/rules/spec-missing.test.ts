import assert from 'node:assert/strict';
import { MemoryHost, Workspace } from '../../../src/core';
import { model, ruleTester, yaml } from '../helpers/rule-tester';
import { shop, SPEC_MANIFEST } from './spec-model';

const all = yaml`
  specsFor: Shop
  commands:
    AddItem: [{ name: a, when: {}, then: [] }]
    PlaceOrder: [{ name: p, when: {}, then: [] }]
  policies:
    OrderWhenAdded: [{ name: o, when: { event: ItemAdded@1 }, then: { command: none } }]
  readModels:
    CartView: [{ name: v, then: { view: {} } }]
`;

ruleTester('spec-missing', {
  valid: [
    { name: 'off by default: nothing reported although nothing has a spec', files: shop(undefined) },
    { name: 'every command, policy and read model has a spec (in a spec file)', files: shop(all), options: { rules: { 'spec-missing': 'warning' } } },
    {
      name: 'an inline spec counts, and contexts without owners have nothing to specify',
      files: model(
        {
          a: 'context: A\ncommands:\n  Do:\n    specs: [{ name: does, when: {}, then: [] }]\n',
          b: 'context: B\nevents:\n  Done: {}\n',
        },
        { manifest: SPEC_MANIFEST },
      ),
      options: { rules: { 'spec-missing': 'warning' } },
    },
  ],
  invalid: [
    {
      name: 'turned on in the manifest: each owner without a spec, at its name',
      files: shop(undefined),
      options: { rules: { 'spec-missing': 'warning' } },
      errors: [
        { line: 6, column: 3, severity: 'warning', message: 'Shop.AddItem has no spec: add one under `specs:` (given, when, then) or in a spec file.' },
        { line: 10, column: 3, message: /^Shop\.PlaceOrder has no spec/ },
        { line: 27, column: 3, message: /^Shop\.OrderWhenAdded has no spec/ },
        { line: 31, column: 3, message: /^Shop\.CartView has no spec/, data: { kind: 'readModel', name: 'CartView', context: 'Shop' } },
      ],
    },
    {
      name: "turned on in the editor's settings",
      files: shop(all.replace(/readModels:\n.*\n/, '')),
      options: { severity: { 'spec-missing': 'info' } },
      errors: [{ line: 31, severity: 'info', message: /^Shop\.CartView has no spec/ }],
    },
    {
      name: 'a spec of a misspelt owner does not count',
      files: shop(all.replace('CartView:', 'CartVew:')),
      options: { rules: { 'spec-missing': 'hint' } },
      errors: [{ line: 31, severity: 'hint', message: /^Shop\.CartView has no spec/ }],
    },
  ],
});

describe('spec-missing, turned on and off in a running workspace', () => {
  it("reports as soon as the editor's setting names a severity, and stops when it is off again", () => {
    const ws = new Workspace(new MemoryHost(shop(undefined)));
    const missing = () => ws.diagnostics().filter((d) => d.rule === 'spec-missing').length;
    assert.equal(missing(), 0);
    ws.setSeverity({ 'spec-missing': 'warning' });
    assert.equal(missing(), 4);
    ws.setSeverity({ 'spec-missing': 'off' });
    assert.equal(missing(), 0);
  });
});
