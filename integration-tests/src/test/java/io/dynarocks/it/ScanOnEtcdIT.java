package io.dynarocks.it;

/** {@link ScanIT} (Scan: paging, parallel segments, filters) against a server on a 3-member etcd cluster. */
@OnEtcd
class ScanOnEtcdIT extends ScanIT {}
