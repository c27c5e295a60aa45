import { describe, expect, it } from 'vitest';
import { KubeError } from '../../src/api/errors';
import {
  evaluate,
  executeJsonPath,
  executeJsonPathAsJson,
  goFloat,
  JsonPathParseError,
  parseJsonPath,
  relaxedJsonPathExpression,
  type JsonPathExecOptions,
} from '../../src/printers/jsonpath';

// Golden outputs below were recorded from a real kubectl v1.32.4 talking to a stub API server on
// loopback that served exactly these objects (the command is in the comment above each expectation).
// `kubectl get pod <name>` hands the printer the object itself; `kubectl get pods` a v1 List of the items.
const WEB = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web", "tier": "front"}, "annotations": {"deployment.kubernetes.io/revision": "2", "note": "<b> & \"q\""}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80}], "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}, {"name": "side", "image": "busybox"}], "nodeName": "node-1"}, "status": {"phase": "Running", "podIP": "10.0.0.12", "restartCount": 3, "ratio": 0.5, "big": 1000000, "ok": true, "nothing": null, "arr": [1, null, "x", 2.5, true, {"k": "v"}, [], {}]}};
const DB = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db-0", "namespace": "default", "labels": {"app": "db"}}, "spec": {"containers": [{"name": "pg", "image": "postgres:16"}]}, "status": {"phase": "Pending", "podIP": "10.0.0.9"}};
const CM = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}, "data": {"a": "1", "b": "x\ty"}};
const LIST = { apiVersion: 'v1', items: [WEB, DB], kind: 'List', metadata: { resourceVersion: '' } };
const EMPTY = { apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } };
// Typed objects: kubectl json-round-trips them into interface{}, every number is a float64.
// $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o json
const DEPLOY = {"kind": "Deployment", "apiVersion": "apps/v1", "metadata": {"name": "x", "creationTimestamp": null, "labels": {"app": "x"}}, "spec": {"replicas": 1234567, "selector": {"matchLabels": {"app": "x"}}, "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "x"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}], "resources": {}}]}}, "strategy": {}}, "status": {}};
// $ kubectl config view -o json   (a kubeconfig with clusters stub/prod, users alice/bob, three contexts)
const CONFIG = {"kind": "Config", "apiVersion": "v1", "preferences": {}, "clusters": [{"name": "prod", "cluster": {"server": "https://prod.example.com:6443", "insecure-skip-tls-verify": true}}, {"name": "stub", "cluster": {"server": "http://127.0.0.1:18080"}}], "users": [{"name": "alice", "user": {"token": "REDACTED"}}, {"name": "bob", "user": {"username": "bob", "password": "REDACTED"}}], "contexts": [{"name": "prod-admin", "context": {"cluster": "prod", "user": "bob", "namespace": "kube-system"}}, {"name": "prod-dev", "context": {"cluster": "prod", "user": "alice"}}, {"name": "stub", "context": {"cluster": "stub", "user": "alice", "namespace": "default"}}], "current-context": "stub"};

type Opts = Partial<JsonPathExecOptions>;
const jp = (tpl: string, data: unknown, opts: Opts = {}) =>
  executeJsonPath(parseJsonPath(tpl), data, { allowMissingKeys: true, ...opts });
const asJson = (tpl: string, data: unknown, opts: Opts = {}) =>
  executeJsonPathAsJson(parseJsonPath(tpl), data, { allowMissingKeys: true, ...opts });

/** What kubectl writes on stderr: the rendered error plus the newline every error line gets. */
function stderrOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof KubeError) return e.render() + '\n';
    throw e;
  }
  throw new Error('expected an error');
}
const jpErr = (tpl: string, data: unknown, opts: Opts = {}) => stderrOf(() => jp(tpl, data, opts));
const parseErr = (tpl: string) => stderrOf(() => parseJsonPath(tpl));

describe('jsonpath (kubectl -o jsonpath / jsonpath-as-json)', () => {
  // ---- fields, arrays, printing
  it("prints the values of one expression joined by a single space, no trailing newline", () => {
    // $ kubectl get pods -o 'jsonpath={.items[*].metadata.name}'
    expect(jp("{.items[*].metadata.name}", LIST)).toBe("web-1 db-0");
  });
  it("prints text outside actions literally and string literals inside", () => {
    // $ kubectl get pods -o 'jsonpath=names: {.items[0].metadata.name}{"\t"}{.items[1].metadata.name}{"\n"}'
    expect(jp("names: {.items[0].metadata.name}{\"\\t\"}{.items[1].metadata.name}{\"\\n\"}", LIST)).toBe("names: web-1\tdb-0\n");
  });
  it("prints a template without braces as plain text", () => {
    // $ kubectl get pod web-1 -o jsonpath=.metadata.name
    expect(jp(".metadata.name", WEB)).toBe(".metadata.name");
  });
  it("prints numbers, bools and null Go-style and maps/lists as compact JSON", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.restartCount} {.status.ratio} {.status.big} {.status.ok} {.status.nothing} {.metadata.labels} {.spec.containers[0].ports}'
    expect(jp("{.status.restartCount} {.status.ratio} {.status.big} {.status.ok} {.status.nothing} {.metadata.labels} {.spec.containers[0].ports}", WEB)).toBe("3 0.5 1000000 true null {\"app\":\"web\",\"tier\":\"front\"} [{\"containerPort\":80}]");
  });
  it("prints each element of a mixed list", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[*]}'
    expect(jp("{.status.arr[*]}", WEB)).toBe("1 null x 2.5 true {\"k\":\"v\"} [] {}");
  });
  it("escapes HTML characters in JSON output but not in text", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.metadata.annotations.note}|{.metadata.annotations}'
    expect(jp("{.metadata.annotations.note}|{.metadata.annotations}", WEB)).toBe("<b> & \"q\"|{\"deployment.kubernetes.io/revision\":\"2\",\"note\":\"\\u003cb\\u003e \\u0026 \\\"q\\\"\"}");
  });
  it("prints the whole object for {@} and {$} and an empty action", () => {
    // $ kubectl get cm c -o 'jsonpath={@}|{$}|{}'
    expect(jp("{@}|{$}|{}", CM)).toBe("{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"b\":\"x\\ty\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"}}|{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"b\":\"x\\ty\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"}}|{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"b\":\"x\\ty\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"}}");
  });
  it("escaped dots in field names", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.metadata.annotations.deployment\.kubernetes\.io/revision}'
    expect(jp("{.metadata.annotations.deployment\\.kubernetes\\.io/revision}", WEB)).toBe("2");
  });
  it("['key'] is a field; a quoted key with dots is split at the dots", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.metadata['"'"'name'"'"']}|{.metadata.annotations['"'"'deployment.kubernetes.io/revision'"'"']}'
    expect(jp("{.metadata['name']}|{.metadata.annotations['deployment.kubernetes.io/revision']}", WEB)).toBe("web-1|");
  });
  it("negative index and slices", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.spec.containers[-1].name}|{.spec.containers[0:1].name}|{.status.arr[-3:]}|{.status.arr[:2]}|{.status.arr[0:8:3]}|{.status.arr[1:1]}'
    expect(jp("{.spec.containers[-1].name}|{.spec.containers[0:1].name}|{.status.arr[-3:]}|{.status.arr[:2]}|{.status.arr[0:8:3]}|{.status.arr[1:1]}", WEB)).toBe("side|nginx|{\"k\":\"v\"} [] {}|1 null|1 2.5 []|");
  });
  it("unions of indexes and of keys", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.spec.containers[0,1].image}|{.spec.containers[*]['"'"'name'"'"','"'"'image'"'"']}'
    expect(jp("{.spec.containers[0,1].image}|{.spec.containers[*]['name','image']}", WEB)).toBe("nginx:1.25 busybox|nginx side nginx:1.25 busybox");
  });
  it("wildcard over a string yields its bytes", () => {
    // $ kubectl get cm c -o 'jsonpath={.metadata.name.*}'
    expect(jp("{.metadata.name.*}", CM)).toBe("99");
  });
  it("recursive descent", () => {
    // $ kubectl get pods -o 'jsonpath={..image}|{.items[0]..containerPort}'
    expect(jp("{..image}|{.items[0]..containerPort}", LIST)).toBe("nginx:1.25 busybox postgres:16|80");
  });
  it("literals", () => {
    // $ kubectl get cm c -o 'jsonpath={3}{-2}{1.5}{true}{"s"}{'"'"'q'"'"'}{"\u00e9\x41\101"}'
    expect(jp("{3}{-2}{1.5}{true}{\"s\"}{'q'}{\"\\u00e9\\x41\\101\"}", CM)).toBe("3-21.5truesq\u00e9AA");
  });
  it("missing keys print nothing by default", () => {
    // $ kubectl get pods -o 'jsonpath=[{.nope}][{.items[*].nope.x}][{.items[1].metadata.labels.tier}]'
    expect(jp("[{.nope}][{.items[*].nope.x}][{.items[1].metadata.labels.tier}]", LIST)).toBe("[][][]");
  });
  it("a missing map key along an array yields the present ones", () => {
    // $ kubectl get pods -o 'jsonpath={.items[*].metadata.labels.tier}'
    expect(jp("{.items[*].metadata.labels.tier}", LIST)).toBe("front");
  });

  // ---- range
  it("range over items", () => {
    // $ kubectl get pods -o 'jsonpath={range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}'
    expect(jp("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}", LIST)).toBe("web-1\tRunning\ndb-0\tPending\n");
  });
  it("nested ranges", () => {
    // $ kubectl get pods -o 'jsonpath={range .items[*]}{.metadata.name}:{range .spec.containers[*]} {.name}={.image}{end};{end}'
    expect(jp("{range .items[*]}{.metadata.name}:{range .spec.containers[*]} {.name}={.image}{end};{end}", LIST)).toBe("web-1: nginx=nginx:1.25 side=busybox;db-0: pg=postgres:16;");
  });
  it("nodes after {end} run on the original object", () => {
    // $ kubectl get pods -o 'jsonpath={range .items[*]}[{.metadata.name}]{end}{.kind}'
    expect(jp("{range .items[*]}[{.metadata.name}]{end}{.kind}", LIST)).toBe("[web-1][db-0]List");
  });
  it("an empty range still skips its body", () => {
    // $ kubectl get pods -o 'jsonpath={range .items[*].nope}{.x}{end}after'
    expect(jp("{range .items[*].nope}{.x}{end}after", LIST)).toBe("after");
  });
  it("a null element hands <no value> to the range body", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={range .status.arr[*]}[{@}]{end}'
    expect(jp("{range .status.arr[*]}[{@}]{end}", WEB)).toBe("[1][<no value>][x][2.5][true][{\"k\":\"v\"}][[]][{}]");
  });
  it("range without end runs the rest per element, then again on the object", () => {
    // $ kubectl get pods -o 'jsonpath={range .items[*]}<{.metadata.name}>'
    expect(jp("{range .items[*]}<{.metadata.name}>", LIST)).toBe("<web-1><db-0><>");
  });

  // ---- filters
  it("filter ==", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.phase=="Running")].metadata.name}'
    expect(jp("{.items[?(@.status.phase==\"Running\")].metadata.name}", LIST)).toBe("web-1");
  });
  it("filter != with single quotes", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.metadata.name!='"'"'web-1'"'"')].status.podIP}'
    expect(jp("{.items[?(@.metadata.name!='web-1')].status.podIP}", LIST)).toBe("10.0.0.9");
  });
  it("filter numeric comparison with int literals", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.restartCount>1)].metadata.name}|{.items[?(@.status.restartCount<=3)].metadata.name}|{.items[?(@.status.restartCount>=4)].metadata.name}'
    expect(jp("{.items[?(@.status.restartCount>1)].metadata.name}|{.items[?(@.status.restartCount<=3)].metadata.name}|{.items[?(@.status.restartCount>=4)].metadata.name}", LIST)).toBe("web-1|web-1|");
  });
  it("filter existence", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.restartCount)].metadata.name}|{.items[?(@.metadata.labels.tier)].metadata.name}'
    expect(jp("{.items[?(@.status.restartCount)].metadata.name}|{.items[?(@.metadata.labels.tier)].metadata.name}", LIST)).toBe("web-1|web-1");
  });
  it("filter compares strings byte-wise", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.podIP<"10.0.0.2")].metadata.name}'
    expect(jp("{.items[?(@.status.podIP<\"10.0.0.2\")].metadata.name}", LIST)).toBe("web-1");
  });
  it("filter comparing two fields and a nested field", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.metadata.name==@.metadata.name)].metadata.name}|{.items[?(@.metadata.labels.app=="db")].spec.containers[0].image}'
    expect(jp("{.items[?(@.metadata.name==@.metadata.name)].metadata.name}|{.items[?(@.metadata.labels.app==\"db\")].spec.containers[0].image}", LIST)).toBe("web-1 db-0|postgres:16");
  });
  it("the existence filter on @ keeps every element, null included", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[?(@)]}'
    expect(jp("{.status.arr[?(@)]}", WEB)).toBe("1 null x 2.5 true {\"k\":\"v\"} [] {}");
  });
  it("filter existence counts an out-of-range index as existing", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.spec.containers[?(@.ports[0])].name}|{.spec.containers[?(@.ports[1])].name}'
    expect(jp("{.spec.containers[?(@.ports[0])].name}|{.spec.containers[?(@.ports[1])].name}", WEB)).toBe("nginx|nginx");
  });
  it("bool literal in a filter", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.ok==true)].metadata.name}'
    expect(jp("{.items[?(@.status.ok==true)].metadata.name}", LIST)).toBe("web-1");
  });

  // ---- typed objects (float64 numbers)
  it("a typed object prints large whole numbers as 1e+06", () => {
    // $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o 'jsonpath={.spec.replicas}'
    expect(jp("{.spec.replicas}", DEPLOY, { floatNumbers: true })).toBe("1.234567e+06");
  });
  it("typed object fields", () => {
    // $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o 'jsonpath={.metadata.creationTimestamp}|{.status}|{.spec.template.spec.containers[0].ports}'
    expect(jp("{.metadata.creationTimestamp}|{.status}|{.spec.template.spec.containers[0].ports}", DEPLOY, { floatNumbers: true })).toBe("null|{}|[{\"containerPort\":80}]");
  });
  it("typed: a float literal compares with a float", () => {
    // $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o 'jsonpath={.spec.template.spec.containers[?(@.ports[0].containerPort==80.0)].name}'
    expect(jp("{.spec.template.spec.containers[?(@.ports[0].containerPort==80.0)].name}", DEPLOY, { floatNumbers: true })).toBe("nginx");
  });
  it("config view contexts", () => {
    // $ kubectl config view -o 'jsonpath={range .contexts[*]}{.name}{"\t"}{.context.cluster}{"\t"}{.context.namespace}{"\n"}{end}'
    expect(jp("{range .contexts[*]}{.name}{\"\\t\"}{.context.cluster}{\"\\t\"}{.context.namespace}{\"\\n\"}{end}", CONFIG, { floatNumbers: true })).toBe("prod-admin\tprod\tkube-system\nprod-dev\tprod\t\nstub\tstub\tdefault\n");
  });
  it("config view filter on users", () => {
    // $ kubectl config view -o 'jsonpath={.users[?(@.name=="bob")].user.username}|{.contexts[?(@.context.user=="alice")].name}|{.current-context}'
    expect(jp("{.users[?(@.name==\"bob\")].user.username}|{.contexts[?(@.context.user==\"alice\")].name}|{.current-context}", CONFIG, { floatNumbers: true })).toBe("bob|prod-dev stub|stub");
  });

  // ---- as json
  it("jsonpath-as-json prints each top-level result list as an indented array", () => {
    // $ kubectl get pods -o 'jsonpath-as-json={.items[*].metadata.name}{.nope}{"x"}'
    expect(asJson("{.items[*].metadata.name}{.nope}{\"x\"}", LIST)).toBe("[\n    \"web-1\",\n    \"db-0\"\n]\n[]\n[\n    \"x\"\n]\n");
  });
  it("jsonpath-as-json with maps, ranges and typed numbers", () => {
    // $ kubectl get pod web-1 -o 'jsonpath-as-json={.metadata.labels}{range .spec.containers[*]}{.name}{end}'
    expect(asJson("{.metadata.labels}{range .spec.containers[*]}{.name}{end}", WEB)).toBe("[\n    {\n        \"app\": \"web\",\n        \"tier\": \"front\"\n    }\n]\n[\n    \"nginx\"\n]\n[\n    \"side\"\n]\n");
  });
  it("jsonpath-as-json of a typed number", () => {
    // $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o 'jsonpath-as-json={.spec.replicas}{.spec.template.spec.containers[0].ports}'
    expect(asJson("{.spec.replicas}{.spec.template.spec.containers[0].ports}", DEPLOY, { floatNumbers: true })).toBe("[\n    1234567\n]\n[\n    [\n        {\n            \"containerPort\": 80\n        }\n    ]\n]\n");
  });

  // ---- execution errors
  it("a missing key with --allow-missing-template-keys=false", () => {
    // $ kubectl get cm c --allow-missing-template-keys=false -o 'jsonpath={.foo}'
    expect(jpErr("{.foo}", CM, { allowMissingKeys: false })).toBe("error: error executing jsonpath \"{.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{\"a\":\"1\", \"b\":\"x\\ty\"}, \"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"c\", \"namespace\":\"default\"}}\n\n\n");
  });
  it("[0] of an empty list errors even though missing keys are allowed", () => {
    // $ kubectl get pods -n empty -o 'jsonpath={.items[0].metadata.name}'
    expect(jpErr("{.items[0].metadata.name}", EMPTY)).toBe("error: error executing jsonpath \"{.items[0].metadata.name}\": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[0].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{}, \"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n");
  });
  it("array index out of bounds", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.spec.containers[5]}'
    expect(jpErr("{.spec.containers[5]}", WEB)).toBe("error: error executing jsonpath \"{.spec.containers[5]}\": Error executing template: array index out of bounds: index 5, length 2. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[5]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });
  it("slice end out of bounds", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[0:100]}'
    expect(jpErr("{.status.arr[0:100]}", WEB)).toBe("error: error executing jsonpath \"{.status.arr[0:100]}\": Error executing template: array index out of bounds: index 99, length 8. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.status.arr[0:100]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });
  it("start greater than end", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[3:1]}'
    expect(jpErr("{.status.arr[3:1]}", WEB)).toBe("error: error executing jsonpath \"{.status.arr[3:1]}\": Error executing template: starting index 3 is greater than ending index 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.status.arr[3:1]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });
  it("step must be positive", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[::-1]}'
    expect(jpErr("{.status.arr[::-1]}", WEB)).toBe("error: error executing jsonpath \"{.status.arr[::-1]}\": Error executing template: step must be > 0. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.status.arr[::-1]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });
  it("not an array", () => {
    // $ kubectl get cm c -o 'jsonpath={.data[0]}'
    expect(jpErr("{.data[0]}", CM)).toBe("error: error executing jsonpath \"{.data[0]}\": Error executing template: map[string]interface {} is not array or slice. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.data[0]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{\"a\":\"1\", \"b\":\"x\\ty\"}, \"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"c\", \"namespace\":\"default\"}}\n\n\n");
  });
  it("filtering a map", () => {
    // $ kubectl get cm c -o 'jsonpath={.data[?(@.a)]}'
    expect(jpErr("{.data[?(@.a)]}", CM)).toBe("error: error executing jsonpath \"{.data[?(@.a)]}\": Error executing template: map[a:1 b:x\ty] is not array or slice and cannot be filtered. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.data[?(@.a)]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{\"a\":\"1\", \"b\":\"x\\ty\"}, \"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"c\", \"namespace\":\"default\"}}\n\n\n");
  });
  it("end without range", () => {
    // $ kubectl get cm c -o 'jsonpath={.data.a}{end}'
    expect(jpErr("{.data.a}{end}", CM)).toBe("error: error executing jsonpath \"{.data.a}{end}\": Error executing template: not in range, nothing to end. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.data.a}{end}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{\"a\":\"1\", \"b\":\"x\\ty\"}, \"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"c\", \"namespace\":\"default\"}}\n\n\n");
  });
  it("unknown identifier", () => {
    // $ kubectl get cm c -o 'jsonpath={foo}'
    expect(jpErr("{foo}", CM)).toBe("error: error executing jsonpath \"{foo}\": Error executing template: unrecognized identifier foo. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{\"a\":\"1\", \"b\":\"x\\ty\"}, \"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"c\", \"namespace\":\"default\"}}\n\n\n");
  });
  it("comparing an int field with a float literal", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.restartCount==3.0)].metadata.name}'
    expect(jpErr("{.items[?(@.status.restartCount==3.0)].metadata.name}", LIST)).toBe("error: error executing jsonpath \"{.items[?(@.status.restartCount==3.0)].metadata.name}\": Error executing template: incompatible types for comparison. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[?(@.status.restartCount==3.0)].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}, map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"app\":\"db\"}, \"name\":\"db-0\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"postgres:16\", \"name\":\"pg\"}}}, \"status\":map[string]interface {}{\"phase\":\"Pending\", \"podIP\":\"10.0.0.9\"}}}, \"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n");
  });
  it("ordering bools", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.status.ok<true)].metadata.name}'
    expect(jpErr("{.items[?(@.status.ok<true)].metadata.name}", LIST)).toBe("error: error executing jsonpath \"{.items[?(@.status.ok<true)].metadata.name}\": Error executing template: invalid type for comparison. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[?(@.status.ok<true)].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}, map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"app\":\"db\"}, \"name\":\"db-0\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"postgres:16\", \"name\":\"pg\"}}}, \"status\":map[string]interface {}{\"phase\":\"Pending\", \"podIP\":\"10.0.0.9\"}}}, \"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n");
  });
  it("typed: an int literal does not compare with a float64 field", () => {
    // $ kubectl create deployment x --image=nginx --port=80 --replicas=1234567 --dry-run=client -o 'jsonpath={.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}'
    expect(jpErr("{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}", DEPLOY, { floatNumbers: true })).toBe("error: error executing jsonpath \"{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}\": Error executing template: incompatible types for comparison. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[string]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1.234567e+06, \"selector\":map[string]interface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface {}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n\n\n");
  });
  it("comparing values of different types", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.status.arr[?(@=="x")]}'
    expect(jpErr("{.status.arr[?(@==\"x\")]}", WEB)).toBe("error: error executing jsonpath \"{.status.arr[?(@==\\\"x\\\")]}\": Error executing template: incompatible types for comparison. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.status.arr[?(@==\"x\")]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });
  it("comparing several values", () => {
    // $ kubectl get pods -o 'jsonpath={.items[?(@.spec.containers[*].name=="pg")].metadata.name}'
    expect(jpErr("{.items[?(@.spec.containers[*].name==\"pg\")].metadata.name}", LIST)).toBe("error: error executing jsonpath \"{.items[?(@.spec.containers[*].name==\\\"pg\\\")].metadata.name}\": Error executing template: can only compare one element at a time. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[?(@.spec.containers[*].name==\"pg\")].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}, map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"app\":\"db\"}, \"name\":\"db-0\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"postgres:16\", \"name\":\"pg\"}}}, \"status\":map[string]interface {}{\"phase\":\"Pending\", \"podIP\":\"10.0.0.9\"}}}, \"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n");
  });
  it("an unknown operator is found when evaluating", () => {
    // $ kubectl get pod web-1 -o 'jsonpath={.spec.containers[?(@.name=!"x")].image}'
    expect(jpErr("{.spec.containers[?(@.name=!\"x\")].image}", WEB)).toBe("error: error executing jsonpath \"{.spec.containers[?(@.name=!\\\"x\\\")].image}\": Error executing template: unrecognized filter operator =!. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[?(@.name=!\"x\")].image}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"annotations\":map[string]interface {}{\"deployment.kubernetes.io/revision\":\"2\", \"note\":\"<b> & \\\"q\\\"\"}, \"labels\":map[string]interface {}{\"app\":\"web\", \"tier\":\"front\"}, \"name\":\"web-1\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx:1.25\", \"name\":\"nginx\", \"ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]interface {}{\"requests\":map[string]interface {}{\"cpu\":\"100m\", \"memory\":\"64Mi\"}}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"side\"}}, \"nodeName\":\"node-1\"}, \"status\":map[string]interface {}{\"arr\":[]interface {}{1, interface {}(nil), \"x\", 2.5, true, map[string]interface {}{\"k\":\"v\"}, []interface {}{}, map[string]interface {}{}}, \"big\":1000000, \"nothing\":interface {}(nil), \"ok\":true, \"phase\":\"Running\", \"podIP\":\"10.0.0.12\", \"ratio\":0.5, \"restartCount\":3}}\n\n\n");
  });

  // ---- syntax errors
  it("unclosed action", () => {
    // $ kubectl get cm c -o 'jsonpath={.metadata.name'
    expect(parseErr("{.metadata.name")).toBe("error: error parsing jsonpath {.metadata.name, unclosed action\n");
  });
  it("unclosed action at a newline", () => {
    // $ kubectl get cm c -o $'jsonpath={.a\n}'
    expect(parseErr("{.a\n}")).toBe("error: error parsing jsonpath {.a\n}, unclosed action\n");
  });
  it("escaped closing brace", () => {
    // $ kubectl get cm c -o 'jsonpath={.a\}'
    expect(parseErr("{.a\\}")).toBe("error: error parsing jsonpath {.a\\}, unclosed action\n");
  });
  it("unterminated array", () => {
    // $ kubectl get cm c -o 'jsonpath={.a[0}'
    expect(parseErr("{.a[0}")).toBe("error: error parsing jsonpath {.a[0}, unterminated array\n");
  });
  it("unterminated quoted string", () => {
    // $ kubectl get cm c -o 'jsonpath={"abc}'
    expect(parseErr("{\"abc}")).toBe("error: error parsing jsonpath {\"abc}, unterminated quoted string\n");
  });
  it("unterminated filter", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[?(@.a=="x"}'
    expect(parseErr("{.items[?(@.a==\"x\"}")).toBe("error: error parsing jsonpath {.items[?(@.a==\"x\"}, unterminated filter\n");
  });
  it("filter without ]", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[?(@.a=="x")}'
    expect(parseErr("{.items[?(@.a==\"x\")}")).toBe("error: error parsing jsonpath {.items[?(@.a==\"x\")}, unclosed array expect ]\n");
  });
  it("invalid array index", () => {
    // $ kubectl get cm c -o 'jsonpath={.a[x]}'
    expect(parseErr("{.a[x]}")).toBe("error: error parsing jsonpath {.a[x]}, invalid array index x\n");
  });
  it("too many colons", () => {
    // $ kubectl get cm c -o 'jsonpath={.a[1:2:3:4]}'
    expect(parseErr("{.a[1:2:3:4]}")).toBe("error: error parsing jsonpath {.a[1:2:3:4]}, invalid array index 1:2:3:4\n");
  });
  it("double-quoted key", () => {
    // $ kubectl get cm c -o 'jsonpath={.a["x"]}'
    expect(parseErr("{.a[\"x\"]}")).toBe("error: error parsing jsonpath {.a[\"x\"]}, invalid array index \"x\"\n");
  });
  it("index not a number", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[0:-]}'
    expect(parseErr("{.items[0:-]}")).toBe("error: error parsing jsonpath {.items[0:-]}, array index - is not a number\n");
  });
  it("float index", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[1.5]}'
    expect(parseErr("{.items[1.5]}")).toBe("error: error parsing jsonpath {.items[1.5]}, invalid array index 1.5\n");
  });
  it("unrecognized character", () => {
    // $ kubectl get cm c -o 'jsonpath={.a & .b}'
    expect(parseErr("{.a & .b}")).toBe("error: error parsing jsonpath {.a & .b}, unrecognized character in action: U+0026 '&'\n");
  });
  it("&& is not supported in filters", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[?(@.a=="x" && @.b=="y")]}'
    expect(parseErr("{.items[?(@.a==\"x\" && @.b==\"y\")]}")).toBe("error: error parsing jsonpath {.items[?(@.a==\"x\" && @.b==\"y\")]}, unrecognized character in action: U+0026 '&'\n");
  });
  it("=~ is not supported", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[?(@.x=~"y")]}'
    expect(parseErr("{.items[?(@.x=~\"y\")]}")).toBe("error: error parsing jsonpath {.items[?(@.x=~\"y\")]}, unrecognized character in action: U+007E '~'\n");
  });
  it("a tab", () => {
    // $ kubectl get cm c -o $'jsonpath={.a\t.b}'
    expect(parseErr("{.a\t.b}")).toBe("error: error parsing jsonpath {.a\t.b}, unrecognized character in action: U+0009\n");
  });
  it("bad escape", () => {
    // $ kubectl get cm c -o 'jsonpath={"\q"}'
    expect(parseErr("{\"\\q\"}")).toBe("error: error parsing jsonpath {\"\\q\"}, unquote string \"\\q\" error invalid syntax\n");
  });
  it("bad number", () => {
    // $ kubectl get cm c -o 'jsonpath={1.5.3}'
    expect(parseErr("{1.5.3}")).toBe("error: error parsing jsonpath {1.5.3}, cannot parse number 1.5.3\n");
  });
  it("lone sign", () => {
    // $ kubectl get cm c -o 'jsonpath={+}'
    expect(parseErr("{+}")).toBe("error: error parsing jsonpath {+}, cannot parse number +\n");
  });
  it("multiple recursive descent", () => {
    // $ kubectl get cm c -o 'jsonpath={....a}'
    expect(parseErr("{....a}")).toBe("error: error parsing jsonpath {....a}, invalid multiple recursive descent\n");
  });
  it("negation", () => {
    // $ kubectl get cm c -o 'jsonpath={.items[?(!@.a)]}'
    expect(parseErr("{.items[?(!@.a)]}")).toBe("error: error parsing jsonpath {.items[?(!@.a)]}, unrecognized character in action: U+0021 '!'\n");
  });
  it("comma after a field", () => {
    // $ kubectl get cm c -o 'jsonpath={.metadata.name, }'
    expect(parseErr("{.metadata.name, }")).toBe("error: error parsing jsonpath {.metadata.name, }, unrecognized character in action: U+002C ','\n");
  });

  // ---- the same template executed for several objects
  it('reuses range state across objects like one kubectl printer does', () => {
    // $ kubectl create -f two.json --dry-run=client --validate=false -o 'jsonpath=A{range .spec.containers[*]}[{.name}]{end}B{.metadata.name}{"\n"}'
    // (two.json: a List of the WEB and DB pods; kubectl prints the first, then fails on the second)
    const tpl = parseJsonPath('A{range .spec.containers[*]}[{.name}]{end}B{.metadata.name}{"\\n"}');
    expect(executeJsonPath(tpl, WEB, { allowMissingKeys: true })).toBe('A[nginx][side]Bweb-1\n');
    expect(stderrOf(() => executeJsonPath(tpl, DB, { allowMissingKeys: true }))).toBe(
      "error: error executing jsonpath \"A{range .spec.containers[*]}[{.name}]{end}B{.metadata.name}{\\\"\\\\n\\\"}\": Error executing template: not in range, nothing to end. Printing more information for debugging the template:\n\ttemplate was:\n\t\tA{range .spec.containers[*]}[{.name}]{end}B{.metadata.name}{\"\\n\"}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"app\":\"db\"}, \"name\":\"db-0\", \"namespace\":\"default\"}, \"spec\":map[string]interface {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"postgres:16\", \"name\":\"pg\"}}}, \"status\":map[string]interface {}{\"phase\":\"Pending\", \"podIP\":\"10.0.0.9\"}}\n\n\n",
    );
    // a template without range keeps working: kubectl create -f two.json ... -o 'jsonpath={.metadata.name}{"\n"}'
    const plain = parseJsonPath('{.metadata.name}{"\\n"}');
    expect([WEB, DB].map((o) => executeJsonPath(plain, o, { allowMissingKeys: true })).join('')).toBe('web-1\ndb-0\n');
  });

  it('throws JsonPathParseError carrying the bare reason', () => {
    try {
      parseJsonPath('{.a[0}');
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(JsonPathParseError);
      expect((e as JsonPathParseError).reason).toBe('unterminated array');
      expect((e as JsonPathParseError).message).toBe('error parsing jsonpath {.a[0}, unterminated array');
    }
  });

  it('maps keep a deterministic (sorted) order where kubectl iterates a Go map at random', () => {
    // kubectl prints these in a different order from run to run
    expect(jp('{.metadata.labels.*}|{.status.*}', WEB)).toBe(
      'web front|[1,null,"x",2.5,true,{"k":"v"},[],{}] 1000000 null true Running 10.0.0.12 0.5 3',
    );
  });
});

describe('goFloat (Go %v of a float64)', () => {
  it('uses exponents below 1e-4 and from 1e6 on, shortest digits', () => {
    // values seen in kubectl output: 1e+06 (typed replicas), 1.234567e+06, 123456.75, -1e-06, 1.5e-07, 1e+21
    expect([1e6, 1234567, 123456.75, -0.000001, 1.5e-7, 1e21, 0.5, 100000, 0.0001, 3].map(goFloat)).toEqual([
      '1e+06', '1.234567e+06', '123456.75', '-1e-06', '1.5e-07', '1e+21', '0.5', '100000', '0.0001', '3',
    ]);
  });
});

describe('relaxedJsonPathExpression and evaluate (custom-columns, --sort-by)', () => {
  it('accepts the four relaxed forms', () => {
    expect(['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}', '', '..name'].map(relaxedJsonPathExpression)).toEqual(
      ['{.metadata.name}', '{.metadata.name}', '{.metadata.name}', '{.metadata.name}', '', '{..name}'],
    );
  });
  it('rejects braces inside', () => {
    expect(stderrOf(() => relaxedJsonPathExpression('{.a}{.b}'))).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    );
  });
  it('evaluates with missing keys allowed and returns plain values', () => {
    expect(evaluate('.spec.containers[*].image', WEB)).toEqual([['nginx:1.25', 'busybox']]);
    expect(evaluate('.nope', WEB)).toEqual([[]]);
    expect(evaluate('', WEB)).toEqual([]);
    expect(evaluate('.status.arr[0:2]', WEB)).toEqual([[1, null]]);
    expect(evaluate('.metadata.name.*', CM)).toEqual([[99]]);
  });
  it('reports errors bare', () => {
    expect(stderrOf(() => evaluate('.spec.containers[5]', WEB))).toBe('error: array index out of bounds: index 5, length 2\n');
    expect(stderrOf(() => evaluate('.a[', WEB))).toBe('error: unterminated array\n');
  });
});
