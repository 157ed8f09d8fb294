import json, re, subprocess

def help_of(args):
    return subprocess.run(["kubectl"] + args + ["--help"], capture_output=True, text=True).stdout

def parse_flags(block):
    flags = []
    for m in re.finditer(r"^    (?:-(\w), )?--([\w-]+)=(.*):\n\t(.*)\n", block, re.M):
        short, name, default, usage = m.groups()
        f = {"name": name, "usage": usage}
        if short: f["shorthand"] = short
        if default.startswith("'") and default.endswith("'"):
            f["type"] = "string"
            if default[1:-1]: f["default"] = default[1:-1]
        elif default in ("true", "false"):
            f["type"] = "bool"
            if default == "true": f["default"] = True
        elif default.startswith("["):
            f["type"] = "stringArray"
            inner = default[1:-1]
            if inner: f["default"] = inner.split(",")
        elif re.fullmatch(r"-?\d+", default):
            f["type"] = "int"
            if default != "0": f["default"] = int(default)
        elif re.fullmatch(r"[\dhms.]+", default):
            f["type"] = "duration"
            d = default
            ms = 0
            for num, unit in re.findall(r"([\d.]+)(ms|h|m|s)", d):
                ms += float(num) * {"ms": 1, "s": 1000, "m": 60000, "h": 3600000}[unit]
            if ms: f["default"] = ms
        else:
            continue
        flags.append(f)
    return flags

def sections(text):
    # split help into description and sections
    heads = ["Aliases:", "Examples:", "Available Commands:", "Options:", "Usage:"]
    parts = re.split(r"\n\n(?=(?:Aliases|Examples|Available Commands|Options|Usage):\n)", text)
    desc = parts[0]
    secs = {}
    for p in parts[1:]:
        h, _, body = p.partition("\n")
        secs[h] = body
    return desc, secs

def spec_of(args, name):
    text = help_of(args)
    desc, secs = sections(text)
    paras = desc.split("\n\n")
    spec = {"name": name, "summary": ""}
    footer = None
    if len(paras) > 1 and not paras[-1].startswith(" "):
        footer = paras.pop()
    d = "\n\n".join([paras[0]] + [p[1:] if p.startswith(" ") else p for p in paras[1:]])
    spec["description"] = d
    if footer: spec["descriptionFooter"] = footer
    if "Aliases:" in secs:
        spec["aliases"] = secs["Aliases:"].strip().split(", ")[1:]
    if "Examples:" in secs:
        spec["examples"] = "\n".join(l[2:] for l in secs["Examples:"].rstrip("\n").split("\n"))
    if "Options:" in secs:
        spec["flags"] = parse_flags(secs["Options:"] + "\n")
    if "Usage:" in secs:
        line = secs["Usage:"].strip().split("\n")[0]
        path = "kubectl " + " ".join(args)
        u = line[len(path):].strip()
        u = u[:-len("[options]")].strip() if u.endswith("[options]") else u
        if u: spec["usage"] = u
    subs = []
    if "Available Commands:" in secs:
        body = secs["Available Commands:"].split("\n\n")[0]
        for l in body.split("\n"):
            m = re.match(r"  (\S+)\s+(.*)", l)
            if m: subs.append({"name": m.group(1), "summary": m.group(2)})
    return spec, subs

root_text = help_of([])
root = {"name": "kubectl", "summary": "", "usage": "[flags]", "description": "kubectl controls the Kubernetes cluster manager.\n\nFind more information at: https://kubernetes.io/docs/reference/kubectl/"}
opts = subprocess.run(["kubectl", "options"], capture_output=True, text=True).stdout
root["persistentFlags"] = parse_flags(opts)
cmds = []
group = None
for block in root_text.split("\n\n"):
    lines = block.split("\n")
    if lines[0].endswith(":") and lines[0] != "Usage:" and len(lines) > 1 and lines[1].startswith("  "):
        g = lines[0]
        for l in lines[1:]:
            m = re.match(r"  (\S+)\s+(.*)", l)
            c = {"name": m.group(1), "summary": m.group(2)}
            if g != "Other Commands:": c["group"] = g
            cmds.append(c)
def find(lst, n):
    return next(c for c in lst if c["name"] == n)
for name in ["get", "create", "delete"]:
    spec, subs = spec_of([name], name)
    c = find(cmds, name)
    spec["summary"] = c["summary"]; spec["group"] = c["group"]
    if subs: spec["commands"] = subs
    cmds[cmds.index(c)] = spec
create = find(cmds, "create")
for sub in ["configmap", "secret"]:
    spec, subs = spec_of(["create", sub], sub)
    c = find(create["commands"], sub)
    spec["summary"] = c["summary"]
    if subs: spec["commands"] = subs
    create["commands"][create["commands"].index(c)] = spec
cmds.append({"name": "options", "summary": "Print the list of flags inherited by all commands", "usage": ""})
root["commands"] = cmds
json.dump(root, open("kubectl_commands.json", "w"), indent=1)
print(json.dumps(find(cmds,"get"), indent=1)[:1500])
