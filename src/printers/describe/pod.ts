// Pod describer and the container / pod-template sections shared with the workload describers
// (describePod, describeContainers, DescribePodTemplate of kubectl pkg/describe).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbed, type Writer } from './writer';
import {
  type DCtx,
  byString,
  fmtTime,
  formatLabelSelector,
  goInt,
  goStr,
  maybeEvents,
  printAnnotationsMultiline,
  printBool,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
  since,
  stringOrNone,
} from './common';
import { describeVolumes } from './volumes';
import { podQOS } from './resources';
import { milliValue, parseQuantity, q, quantityString, value, type Quantity } from './quantity';

type Resolver = ((e: any) => string) | null;

export function describePod(pod: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    const md = pod.metadata;
    w.write(LEVEL_0, `Name:\t${md.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(md.namespace)}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${goStr(status.hostIP)}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${fmtTime(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', md.labels);
    printAnnotationsMultiline(w, 'Annotations', md.annotations);
    if (md.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(md.deletionTimestamp, ctx)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${goInt(md.deletionGracePeriodSeconds)}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${goStr(status.phase)}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${goStr(seccomp.type)}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${goStr(seccomp.localhostProfile)}\n`);
    }
    w.write(LEVEL_0, `IP:\t${goStr(status.podIP)}\n`);
    describePodIPs(pod, w, '');
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    const resolver = envValueRetriever(pod);
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolver, w, '');
    }
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, resolver, w, '');
    }
    const conditions: any[] = status.conditions ?? [];
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = conditions.find((c) => c.type === g.conditionType);
        w.write(LEVEL_1, `${goStr(g.conditionType)} \t${c ? goStr(c.status) : '<none>'} \n`);
      }
    }
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${goStr(c.type)} \t${goStr(c.status)} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    maybeEvents(pod, w, ctx);
  });
}

function describePodIPs(pod: KObject, w: Writer, space: string): void {
  const ips: any[] = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${goStr(ip.ip)}\n`);
}

function describeTopologySpreadConstraints(tscs: any[] | undefined, w: Writer, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = [...tscs].sort((a, b) => byString(goStr(a.topologyKey), goStr(b.topologyKey)));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${goStr(t.topologyKey)}:`);
    w.write(LEVEL_0, goStr(t.whenUnsatisfiable));
    w.write(LEVEL_0, ` when max skew ${goInt(t.maxSkew)} is exceeded`);
    if (t.labelSelector) w.write(LEVEL_0, ` for selector ${formatLabelSelector(t.labelSelector)}`);
    w.write(LEVEL_0, '\n');
  });
}

/** EnvValueRetriever: kubectl's scheme has no Pod field-label conversions, so only metadata.name and
 * metadata.namespace resolve; every other fieldRef prints an empty value. */
function envValueRetriever(pod: KObject): Resolver {
  return (e: any) => {
    const apiVersion = goStr(e.valueFrom?.fieldRef?.apiVersion);
    if (apiVersion.split('/').length > 2) return '';
    const path = goStr(e.valueFrom?.fieldRef?.fieldPath);
    if (path === 'metadata.name') return pod.metadata.name;
    if (path === 'metadata.namespace') return goStr(pod.metadata.namespace);
    return '';
  };
}

export function describeContainers(
  label: string,
  containers: any[],
  statuses: any[] | undefined,
  resolver: Resolver,
  w: Writer,
  space: string,
): void {
  const byName = new Map<string, any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeContainerBasicInfo(c, status, space, w);
    describeContainerCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeContainerProbe(c, w);
    if ((c.envFrom ?? []).length > 0) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, resolver, w);
    describeContainerVolumes(c, w);
  }
}

function describeContainerBasicInfo(c: any, status: any, space: string, w: Writer): void {
  const nameIndent = space.length > 0 ? ' ' : '';
  w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${goStr(status.containerID)}\n`);
  w.write(LEVEL_2, `Image:\t${goStr(c.image)}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${goStr(status.imageID)}\n`);
  const ports: any[] = c.ports ?? [];
  const portString = ports.map((p) => `${goInt(p.containerPort)}/${goStr(p.protocol)}`).join(', ');
  if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(portString)}\n`);
  const hostPortString = ports.map((p) => `${goInt(p.hostPort)}/${goStr(p.protocol)}`).join(', ');
  if (hostPortString.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortString}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPortString)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${goStr(seccomp.type)}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${goStr(seccomp.localhostProfile)}\n`);
  }
}

function describeContainerCommand(c: any, w: Writer): void {
  if ((c.command ?? []).length > 0) {
    w.write(LEVEL_2, 'Command:\n');
    for (const cmd of c.command) for (const s of String(cmd).split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if ((c.args ?? []).length > 0) {
    w.write(LEVEL_2, 'Args:\n');
    for (const arg of c.args) for (const s of String(arg).split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted, canonical quantities. */
export function describeResources(resources: any, w: Writer, level: number): void {
  if (!resources) return;
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  const lk = Object.keys(limits).sort(byString);
  if (lk.length > 0) w.write(level, 'Limits:\n');
  for (const k of lk) w.write(level + 1, `${k}:\t${quantityString(limits[k])}\n`);
  const rk = Object.keys(requests).sort(byString);
  if (rk.length > 0) w.write(level, 'Requests:\n');
  for (const k of rk) w.write(level + 1, `${k}:\t${quantityString(requests[k])}\n`);
}

function describeContainerState(status: any, w: Writer): void {
  describeStatus('State', status.state ?? {}, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${goInt(status.restartCount)}\n`);
}

function describeStatus(stateName: string, state: any, w: Writer): void {
  if (state.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${fmtTime(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${goInt(t.exitCode)}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${fmtTime(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${fmtTime(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainerProbe(c: any, w: Writer): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** net.JoinHostPort. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL path escaping (encodePath mode). */
function escapePath(p: string): string {
  let out = '';
  for (const b of Buffer.from(p, 'utf8')) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch)) out += ch;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** DescribeProbe. */
export function describeProbe(p: any): string {
  const attrs = `delay=${goInt(p.initialDelaySeconds)}s timeout=${goInt(p.timeoutSeconds)}s period=${goInt(p.periodSeconds)}s #success=${goInt(p.successThreshold)} #failure=${goInt(p.failureThreshold)}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const scheme = goStr(g.scheme).toLowerCase();
    const port = g.port === undefined || g.port === null ? '' : String(g.port);
    const host = port.length > 0 ? joinHostPort(goStr(g.host), port) : goStr(g.host);
    const path = goStr(g.path);
    let url = scheme ? `${scheme}:` : '';
    if (scheme || host) url += `//${host}`;
    if (path && !path.startsWith('/') && host) url += '/';
    url += escapePath(path);
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${goStr(p.tcpSocket.host)}:${p.tcpSocket.port === undefined ? '' : String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${goInt(p.grpc.port)} ${goStr(p.grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerVolumes(c: any, w: Writer): void {
  const mounts: any[] = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  const sorted = [...mounts].sort((a, b) => byString(goStr(a.mountPath), goStr(b.mountPath)));
  for (const m of sorted) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${goStr(m.mountPath)} from ${goStr(m.name)} (${flags.join(',')})\n`);
  }
  const devices: any[] = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    const sortedDev = [...devices].sort((a, b) => byString(goStr(a.devicePath), goStr(b.devicePath)));
    for (const d of sortedDev) w.write(LEVEL_3, `${goStr(d.devicePath)} from ${goStr(d.name)}\n`);
  }
}

function describeContainerEnvVars(c: any, resolver: Resolver, w: Writer): void {
  const env: any[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      goStr(e.value)
        .split('\n')
        .forEach((s, i) => {
          if (i === 0) w.write(LEVEL_3, `${e.name}:\t${s}\n`);
          else w.write(LEVEL_3, `\t${s}\n`);
        });
      continue;
    }
    if (vf.fieldRef) {
      const v = resolver ? resolver(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${v} (${goStr(vf.fieldRef.apiVersion)}:${goStr(vf.fieldRef.fieldPath)})\n`);
    } else if (vf.resourceFieldRef) {
      const resource = goStr(vf.resourceFieldRef.resource);
      let v = extractContainerResourceValue(vf.resourceFieldRef, c);
      if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${v} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      const opt = vf.secretKeyRef.optional === true;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${goStr(vf.secretKeyRef.key)}' in secret '${goStr(vf.secretKeyRef.name)}'>\tOptional: ${opt}\n`);
    } else if (vf.configMapKeyRef) {
      const opt = vf.configMapKeyRef.optional === true;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${goStr(vf.configMapKeyRef.key)}' of config map '${goStr(vf.configMapKeyRef.name)}'>\tOptional: ${opt}\n`);
    }
  }
}

function describeContainerEnvFrom(c: any, w: Writer): void {
  const envFrom: any[] = c.envFrom ?? [];
  w.write(LEVEL_2, `Environment Variables from:${envFrom.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of envFrom) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = goStr(e.configMapRef.name);
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = goStr(e.secretRef.name);
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

/** resourcehelper.ExtractContainerResourceValue: ceil(value / divisor); '' when unsupported. */
function extractContainerResourceValue(fs: any, c: any): string {
  let divisor: Quantity = q(fs.divisor);
  if (divisor.isZero()) divisor = q('1');
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const ceilDiv = (a: number, b: number) => String(Math.ceil(a / b));
  const res = goStr(fs.resource);
  switch (res) {
    case 'limits.cpu':
      return ceilDiv(milliValue(q(limits.cpu)), milliValue(divisor));
    case 'limits.memory':
      return ceilDiv(value(q(limits.memory)), value(divisor));
    case 'limits.ephemeral-storage':
      return ceilDiv(value(q(limits['ephemeral-storage'])), value(divisor));
    case 'requests.cpu':
      return ceilDiv(milliValue(q(requests.cpu)), milliValue(divisor));
    case 'requests.memory':
      return ceilDiv(value(q(requests.memory)), value(divisor));
    case 'requests.ephemeral-storage':
      return ceilDiv(value(q(requests['ephemeral-storage'])), value(divisor));
  }
  for (const [prefix, list] of [
    ['requests.', requests],
    ['limits.', limits],
  ] as const) {
    if (res.startsWith(prefix)) {
      const name = res.slice(prefix.length);
      if (name.startsWith('hugepages-')) return ceilDiv(value(parseQuantity(list[name]) ?? q('0')), value(divisor));
    }
  }
  return '';
}

/** DescribePodTemplate. */
export function describePodTemplate(template: any, w: Writer): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const md = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', md.labels);
  if (Object.keys(md.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', md.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, null, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, null, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
