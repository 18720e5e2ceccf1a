#!/usr/bin/env python3
"""Emit the protobuf schema table of the test API server from a Kubernetes Go client binary.

Usage: hack/protobuf-schema.py /path/to/kubectl > Sources/KubeTestServer/Protobuf/ProtobufSchema+Table.swift

A client-go program (kubectl, helm) embeds the gzipped FileDescriptorProto of every
`generated.proto` it was built with, and its Go type data carries each struct field's tags and
type. The descriptors give field numbers, names and wire types; the Go data gives what JSON
does with a zero value (pointer fields and fields without `omitempty` keep it) and which fields
are `json:",inline"`. Only messages reachable from the kinds the test server serves are emitted.
No dependencies beyond the Python standard library.
"""
import re, struct, sys, zlib
from array import array

ROOTS = [
    # core/v1
    *[f"api.core.v1.{k}" for k in "ConfigMap Endpoints Event LimitRange Namespace Node PersistentVolumeClaim PersistentVolume Pod PodTemplate ReplicationController ResourceQuota Secret ServiceAccount Service Binding".split()],
    *[f"api.apps.v1.{k}" for k in "ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet".split()],
    "api.events.v1.Event",
    *[f"api.authentication.v1.{k}" for k in "SelfSubjectReview TokenReview TokenRequest".split()],
    *[f"api.authorization.v1.{k}" for k in "SelfSubjectAccessReview SelfSubjectRulesReview SubjectAccessReview LocalSubjectAccessReview".split()],
    "api.autoscaling.v2.HorizontalPodAutoscaler", "api.autoscaling.v1.Scale",
    "api.batch.v1.CronJob", "api.batch.v1.Job",
    *[f"api.networking.v1.{k}" for k in "IngressClass Ingress NetworkPolicy".split()],
    "api.policy.v1.PodDisruptionBudget", "api.policy.v1.Eviction",
    *[f"api.rbac.v1.{k}" for k in "ClusterRoleBinding ClusterRole RoleBinding Role".split()],
    "api.storage.v1.StorageClass", "api.scheduling.v1.PriorityClass", "api.coordination.v1.Lease",
    "api.discovery.v1.EndpointSlice",
    *[f"apimachinery.pkg.apis.meta.v1.{k}" for k in "DeleteOptions Status".split()],
]
# Messages whose JSON form is not an object; the decoder handles them by name, their fields are not needed.
SPECIAL = {
    "apimachinery.pkg.apis.meta.v1.Time", "apimachinery.pkg.apis.meta.v1.MicroTime",
    "apimachinery.pkg.apis.meta.v1.Duration", "apimachinery.pkg.apis.meta.v1.FieldsV1",
    "apimachinery.pkg.api.resource.Quantity", "apimachinery.pkg.util.intstr.IntOrString",
    "apimachinery.pkg.runtime.RawExtension",
}
SCALARS = {1: "d", 2: "f", 3: "i", 4: "u", 5: "i", 8: "b", 9: "s", 12: "y", 13: "u"}

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1; v |= (c & 0x7F) << s; s += 7
        if c < 0x80: return v, i

def fields(b):
    i = 0
    while i < len(b):
        key, i = varint(b, i); num, wt = key >> 3, key & 7
        if wt == 0: v, i = varint(b, i)
        elif wt == 2: n, i = varint(b, i); v = b[i:i + n]; i += n
        elif wt == 1: v = b[i:i + 8]; i += 8
        elif wt == 5: v = b[i:i + 4]; i += 4
        else: raise ValueError(f"wire type {wt}")
        yield num, v

def descriptors(data):
    out = []
    for m in re.finditer(re.escape(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"), data):
        try: d = zlib.decompressobj(31).decompress(data[m.start():m.start() + 4_000_000])
        except zlib.error: continue
        if d[:1] == b"\n" and b"generated.proto" in d[:120]: out.append(d)
    return out

def messages(files):
    """Full name (without the k8s.io. prefix) -> (fields, map_entry)."""
    msgs = {}
    def walk(desc, prefix):
        name, flds, nested, is_map = None, [], [], False
        for num, v in fields(desc):
            if num == 1: name = v.decode()
            elif num == 2: flds.append(dict((n, x) for n, x in fields(v)))
            elif num == 3: nested.append(v)
            elif num == 7: is_map = any(n == 7 and x for n, x in fields(v))
        full = f"{prefix}.{name}"
        msgs[full] = (flds, is_map)
        for n in nested: walk(n, full)
    for f in files:
        package = next(v.decode() for n, v in fields(f) if n == 2)
        for n, v in fields(f):
            if n == 4: walk(v, package.removeprefix("k8s.io."))
    return msgs

def go_tags(data):
    """(json tag options, Go kind) per struct run: list of {protoNumber: (jsonTag, kind)}, keyed by proto name."""
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    segs = []
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1: segs.append((p_vaddr, p_offset, p_filesz))
    def off(va):
        for v, o, n in segs:
            if v <= va < v + n: return o + va - v
    def va(o):
        for v, oo, n in segs:
            if oo <= o < oo + n: return v + o - oo
    blobs = {}
    for m in re.finditer(rb'(?:json|protobuf):"', data):
        t0 = m.start()
        for back in (1, 2):
            ln, j = 0, t0 - back
            try: ln, end = varint(data, j)
            except IndexError: continue
            if end != t0: continue
            tag = data[t0:t0 + ln]
            if b'protobuf:"' not in tag: continue
            ne = t0 - back
            for nl in range(1, 64):
                s = ne - nl - 2
                if data[s + 1] == nl and data[s] & 2 and re.fullmatch(rb"[A-Za-z_][A-Za-z0-9_]*", data[s + 2:ne]):
                    blobs[va(s)] = tag.decode(); break
            break
    runs, current, last = [], None, None
    for v, o, n in segs[1:]:
        arr = array("Q"); arr.frombytes(data[o:o + (n // 8) * 8])
        for i, q in enumerate(arr):
            if q not in blobs: continue
            to = off(arr[i + 1])
            if to is None: continue
            kind = data[to + 23] & 0x1F
            if current is None or last != i - 3:
                current = {}; runs.append(current)
            last = i
            tag = blobs[q]
            pm = re.search(r'protobuf:"[a-z0-9]+,(\d+)(?:,[^"]*?\bname=([A-Za-z0-9_]+))?', tag)
            jm = re.search(r'json:"([^"]*)"', tag)
            if pm: current[int(pm.group(1))] = (pm.group(2), jm.group(1) if jm else "", kind)
    return runs

def main():
    data = open(sys.argv[1], "rb").read()
    msgs = messages(descriptors(data))
    runs = go_tags(data)
    by_sig = {}
    for r in runs:
        by_sig.setdefault(frozenset((n, x[0]) for n, x in r.items()), []).append(r)
    todo, seen, lines, missing = list(ROOTS), set(), [], []
    while todo:
        name = todo.pop(0)
        if name in seen or name in SPECIAL: continue
        seen.add(name)
        if name not in msgs: sys.exit(f"no descriptor for {name}")
        flds, _ = msgs[name]
        sig = frozenset((f[3], f[1].decode()) for f in flds)
        # Embedded structs may carry no `name=` (EphemeralContainerCommon): such a tag matches any name.
        run = (by_sig.get(sig) or [r for r in runs if len(r) == len(flds) and all(
            f[3] in r and r[f[3]][0] in (None, f[1].decode()) for f in flds)] or [None])[0]
        if run is None and flds: missing.append(name)
        parts = [name]
        for f in flds:
            fname, num, label, ftype = f[1].decode(), f[3], f[4], f[5]
            repeated = label == 3
            jtag, gokind = ("", 0) if run is None else run.get(num, ("", "", 0))[1:]
            inline = jtag.startswith(",inline") or jtag == ",inline"
            keep_zero = gokind == 22 or (run is not None and "omitempty" not in jtag.split(","))
            if ftype == 11:
                tname = f[6].decode().lstrip(".").removeprefix("k8s.io.")
                entry = msgs.get(tname)
                if entry and entry[1]:
                    kf = {e[3]: e for e in entry[0]}
                    if kf[1][5] != 9: sys.exit(f"non-string map key in {name}.{fname}")
                    vf = kf[2]
                    if vf[5] == 11:
                        vt = vf[6].decode().lstrip(".").removeprefix("k8s.io."); todo.append(vt); code = "{." + vt
                    else: code = "{" + SCALARS[vf[5]]
                    repeated = False
                else:
                    todo.append(tname); code = "." + tname
            elif ftype in SCALARS: code = SCALARS[ftype]
            else: sys.exit(f"unsupported field type {ftype} in {name}.{fname}")
            flags = ("*" if repeated else "") + ("!" if keep_zero and not repeated else "") + ("^" if inline else "")
            parts.append(f"{num}:{fname}:{code}{flags}")
        lines.append(" ".join(parts))
    if missing: print(f"warning: no Go type data for {missing}", file=sys.stderr)
    print("// Generated by hack/protobuf-schema.py from the descriptors and Go type data of a client-go binary. Do not edit.")
    print("// One message per line: `name number:jsonName:type[flags]...`; types: s string, b bool, i signed varint,")
    print("// u unsigned varint, d double, f float, y bytes, .Name message, {x map<string, x>; flags: * repeated,")
    print("// ! zero value kept in JSON (pointer or no omitempty), ^ inline (fields merge into the parent object).")
    print()
    print("extension ProtobufSchema {")
    print("    static let table = \"\"\"")
    for l in sorted(lines): print("        " + l)
    print("        \"\"\"")
    print("}")

main()
