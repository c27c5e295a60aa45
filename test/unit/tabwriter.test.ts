import { describe, expect, it } from 'vitest';
import { tabwrite, tabulate, DESCRIBE } from '../../src/printers/tabwriter';

describe('tabwriter (Go text/tabwriter algorithm)', () => {
  it('pads columns to the widest cell + 3, at least 6, last column unpadded', () => {
    const out = tabulate([
      ['NAME', 'READY', 'STATUS'],
      ['nginx-7c5ddbdf54-b7xkq', '1/1', 'Running'],
    ]);
    expect(out).toBe('NAME                     READY   STATUS\nnginx-7c5ddbdf54-b7xkq   1/1     Running\n');
  });

  it('keeps trailing padding on rows whose last cells are empty (kubectl -L)', () => {
    const out = tabulate([
      ['NAME', 'APP', 'HASH'],
      ['crasher', '', ''],
    ]);
    expect(out).toBe('NAME      APP   HASH\ncrasher         \n');
  });

  it('aligns describe blocks independently, broken by lines without tabs', () => {
    const text = 'Name:\tnginx\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\nContainers:\n';
    expect(tabwrite(text, DESCRIBE)).toBe(
      'Name:       nginx\nNamespace:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\nContainers:\n',
    );
  });

  it('minimum width applies to narrow columns with --no-headers', () => {
    expect(tabulate([['a', '1/1', 'x']])).toBe('a     1/1   x\n');
  });
});
