package io.dynarocks.it;

/** {@link ItemOperationsIT} (item reads and writes, conditions, ReturnValues and validation) against a server on a 3-member etcd cluster. */
@OnEtcd
class ItemOperationsOnEtcdIT extends ItemOperationsIT {}
