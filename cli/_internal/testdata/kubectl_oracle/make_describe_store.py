import json, time, datetime
now = time.time()
def ts(delta):
    return datetime.datetime.utcfromtimestamp(now - delta).strftime("%Y-%m-%dT%H:%M:%SZ")
store = {
 "now": datetime.datetime.utcfromtimestamp(now).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
 "configmaps": [
  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"foo","namespace":"default","uid":"u1","resourceVersion":"5","creationTimestamp":ts(10800),
    "labels":{"app":"web","tier":"front"},
    "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"x\":1}\n","short":"v","multi":"line1\nline2\n","long":"x"*150,"longline":"y"*200+"\nshort"}},
   "data":{"a":"1","b":"multi\nline\n","empty":""},"binaryData":{"bin":"AAEC","bin2":"aGVsbG8="}},
  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bare","namespace":"default","uid":"u2","resourceVersion":"6","creationTimestamp":ts(600)}},
 ],
 "secrets": [
  {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1","namespace":"default","uid":"u3","creationTimestamp":ts(60)},"type":"Opaque","data":{"password":"c2VjcmV0","user":"YWRtaW4=","zero":""}},
  {"apiVersion":"v1","kind":"Secret","metadata":{"name":"tok","namespace":"default","uid":"u4","creationTimestamp":ts(60),"annotations":{"kubernetes.io/service-account.name":"sa1","kubernetes.io/service-account.uid":"u5"}},"type":"kubernetes.io/service-account-token","data":{"token":"dG9rZW4tdmFsdWU=","ca.crt":"Y2E="}},
  {"apiVersion":"v1","kind":"Secret","metadata":{"name":"p1","namespace":"default","uid":"u9","creationTimestamp":ts(60)},"type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"e30="}},
 ],
 "serviceaccounts": [
  {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa1","namespace":"default","uid":"u5","creationTimestamp":ts(60)},"secrets":[{"name":"tok"},{"name":"gone"}],"imagePullSecrets":[{"name":"p1"},{"name":"p2"}]},
  {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"default","uid":"u6","creationTimestamp":ts(60)}},
 ],
 "namespaces": [
  {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default","uid":"u7","creationTimestamp":ts(86400*3),"labels":{"kubernetes.io/metadata.name":"default"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}},
  {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"gone","uid":"u8","creationTimestamp":ts(60),"deletionTimestamp":ts(30)},"status":{"phase":"Terminating","conditions":[{"type":"NamespaceDeletionDiscoveryFailure","status":"False","lastTransitionTime":"2026-11-26T09:00:00Z","reason":"ResourcesDiscovered","message":"All resources successfully discovered"}]}},
 ],
 "roles": [
  {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader","namespace":"default","uid":"r1","creationTimestamp":ts(60)},
   "rules":[{"apiGroups":[""],"resources":["configmaps","secrets"],"verbs":["get","list","watch"]},{"apiGroups":["apps","extensions"],"resources":["deployments"],"verbs":["get"]},
            {"apiGroups":[""],"resources":["configmaps"],"resourceNames":["foo","bar"],"verbs":["update"]},{"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]},{"apiGroups":[""],"resources":["configmaps"],"verbs":["create"]}]},
  {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"empty","namespace":"default","uid":"r2","creationTimestamp":ts(60)}},
 ],
 "clusterroles": [
  {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"admin-ish","uid":"c1","creationTimestamp":ts(60),"labels":{"a":"b"}},
   "rules":[{"nonResourceURLs":["/healthz","/version"],"verbs":["get"]},{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]},
 ],
 "rolebindings": [
  {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"rb1","namespace":"default","uid":"b1","creationTimestamp":ts(60)},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},
   "subjects":[{"kind":"User","name":"alice","apiGroup":"rbac.authorization.k8s.io"},{"kind":"ServiceAccount","name":"sa1","namespace":"default"},{"kind":"Group","name":"devs","apiGroup":"rbac.authorization.k8s.io"}]},
 ],
 "clusterrolebindings": [
  {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"crb1","uid":"b2","creationTimestamp":ts(60)},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin-ish"},"subjects":[{"kind":"Group","name":"ops","apiGroup":"rbac.authorization.k8s.io"}]},
 ],
 "widgets": [
  {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default","uid":"w1u","resourceVersion":"9","generation":2,"creationTimestamp":ts(60),"labels":{"x":"y"},
     "finalizers":["example.com/f"],"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"foo","uid":"u1","controller":True}],
     "managedFields":[{"manager":"kubectl","operation":"Update"}]},
   "spec":{"size":3,"ratio":1.5,"enabled":True,"nothing":None,"displayName":"My Widget","apiURL":"http://x","tags":["a","b"],"ports":[{"name":"http","containerPort":80},{"name":"https","containerPort":443}],
           "nested":{"deepField":{"leafValue":"v"}},"emptyMap":{},"emptyList":[],"mixedList":[1,{"k":"v"},"s"],"snake_case":"x","with-dash":"y","ID":"z","big":1000000,"float":0.000001},
   "status":{"phase":"Ready","conditions":[{"type":"Ready","status":"True","lastTransitionTime":ts(60)}]}},
 ],
 "events": [
  {"apiVersion":"v1","kind":"Event","metadata":{"name":"foo.1","namespace":"default"},"involvedObject":{"kind":"ConfigMap","name":"foo","namespace":"default","uid":"u1"},"type":"Normal","reason":"Synced","message":"configmap synced  ","source":{"component":"k1s-controller"},"firstTimestamp":ts(10800),"lastTimestamp":ts(600),"count":3},
  {"apiVersion":"v1","kind":"Event","metadata":{"name":"foo.2","namespace":"default"},"involvedObject":{"kind":"ConfigMap","name":"foo","namespace":"default","uid":"u1"},"type":"Warning","reason":"Oops","message":"something failed","reportingComponent":"other","reportingController":"other-ctl","firstTimestamp":ts(86400*2),"lastTimestamp":ts(86400*2),"count":1},
  {"apiVersion":"v1","kind":"Event","metadata":{"name":"foo.3","namespace":"default"},"involvedObject":{"kind":"ConfigMap","name":"foo","namespace":"default","uid":"u1"},"type":"Normal","reason":"New","message":"new style","eventTime":"%s" % datetime.datetime.utcfromtimestamp(now-7200).strftime("%Y-%m-%dT%H:%M:%S.000000Z"),"reportingController":"newctl","reportingInstance":"i1","action":"A"},
  {"apiVersion":"v1","kind":"Event","metadata":{"name":"w1.1","namespace":"default"},"involvedObject":{"apiVersion":"example.com/v1","kind":"Widget","name":"w1","namespace":"default","uid":"w1u"},"type":"Normal","reason":"Made","message":"made","source":{"component":"widgets"},"firstTimestamp":ts(600),"lastTimestamp":ts(600),"count":1},
 ],
}
json.dump(store, open("describe_store.json","w"), indent=1)
