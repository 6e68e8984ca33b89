// Groups and custom statuses are managed only where instance.yaml opts in (`manage:`); otherwise
// they are looked up by name, and a file for one would silently do nothing: an error.
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { desiredStateOf } from '../../src/plan/desired.js';
import { liveNeedsOf } from '../../src/plan/needs.js';
import { MANAGED_TYPES, OPT_IN_TYPES } from '../../src/resources/index.js';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const group = 'name: Tier 2\ndescription: Second line\n';
const trigger = 'title: Route\nconditions:\n  all:\n    - {field: status, operator: is, value: new}\nactions:\n  - {field: group_id, value: "Group: Tier 2"}\n';

describe('opt-in types', () => {
  it('are groups, custom statuses and schedules', () => {
    expect(OPT_IN_TYPES).toEqual(['groups', 'custom_statuses', 'schedules']);
  });

  it('a groups/ folder without manage: [groups] is an error naming the fix', () => {
    repo = tempRepo(minimalInstance({ 'groups/tier-2.yaml': group }));
    const { diagnostics } = validateInstance(repo.dir, 't', new SchemaSet());
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'instances/t/groups:1:1: error: groups/ holds groups files, but this instance does not manage groups: add "manage: [groups]" to instance.yaml (without it zdctl only looks groups up by name), or remove the folder [file]',
    ]);
  });

  it('with manage: [groups], a group file is loaded and a "Group:" reference must name one', () => {
    repo = tempRepo({
      'instances/t/instance.yaml': 'subdomain: test\nmanage: [groups]\n',
      'instances/t/groups/tier-2.yaml': group,
      'instances/t/triggers/route.yaml': trigger.replace('Tier 2"', 'Tier 3"'),
    });
    const { instance, diagnostics } = validateInstance(repo.dir, 't', new SchemaSet());
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'instances/t/triggers/route.yaml:6:30: error: Group "Tier 3" is not defined in this instance (triggers/Route) [unknown-reference]\n  did you mean "Group: Tier 2"?',
    ]);
    const desired = desiredStateOf(instance);
    expect(desired.objects.groups.map((entry) => entry.key)).toEqual(['Tier 2']);
    // A plan reads groups as managed objects (one list), not as a lookup.
    expect(liveNeedsOf(desired).types).toEqual(MANAGED_TYPES.filter((type) => type !== 'custom_statuses' && type !== 'schedules'));
  });

  it('without manage:, a "Group:" reference is a look-up that plan checks against live', () => {
    repo = tempRepo(minimalInstance({ 'triggers/route.yaml': trigger }));
    const { instance, diagnostics } = validateInstance(repo.dir, 't', new SchemaSet());
    expect(diagnostics).toEqual([]);
    const needs = liveNeedsOf(desiredStateOf(instance));
    expect(needs.types).toEqual(MANAGED_TYPES.filter((type) => !OPT_IN_TYPES.includes(type)));
    expect([...needs.lookupKinds]).toContain('Group');
  });

  it('manage: takes only opt-in types', () => {
    repo = tempRepo({ 'instances/t/instance.yaml': 'subdomain: test\nmanage: [triggers]\n' });
    const { diagnostics } = validateInstance(repo.dir, 't', new SchemaSet());
    expect(diagnostics.map(formatDiagnostic)).toEqual(['instances/t/instance.yaml:2:10: error: manage.0 must be one of: "groups", "custom_statuses", "schedules" [schema]']);
  });

  it('with manage: [custom_statuses], a built-in status is referenced without a file', () => {
    repo = tempRepo({
      'instances/t/instance.yaml': 'subdomain: test\nmanage: [custom_statuses]\n',
      'instances/t/custom_statuses/vendor.yaml': 'agent_label: Waiting on vendor\nstatus_category: hold\n',
      'instances/t/triggers/route.yaml': 'title: Route\nconditions:\n  all:\n    - {field: custom_status_id, operator: is, value: "Status: Open"}\nactions:\n  - {field: custom_status_id, value: "Status: Waiting on vendor"}\n',
    });
    expect(validateInstance(repo.dir, 't', new SchemaSet()).diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('with manage: [custom_statuses], an unknown status label only warns: it may be a built-in renamed in Zendesk (plan checks it live)', () => {
    repo = tempRepo({
      'instances/t/instance.yaml': 'subdomain: test\nmanage: [custom_statuses]\n',
      'instances/t/triggers/route.yaml': 'title: Route\nconditions:\n  all:\n    - {field: custom_status_id, operator: is, value: "Status: Open - working"}\nactions:\n  - {field: priority, value: high}\n',
    });
    expect(validateInstance(repo.dir, 't', new SchemaSet()).diagnostics.map(formatDiagnostic)).toEqual([
      'instances/t/triggers/route.yaml:4:54: warning: Status "Open - working" is not defined in this instance (triggers/Route) [unknown-reference]\n  did you mean "Status: Open"? A built-in one renamed in Zendesk is checked by plan against the live account',
    ]);
  });
});
