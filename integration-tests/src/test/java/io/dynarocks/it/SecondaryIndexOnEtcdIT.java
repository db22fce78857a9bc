package io.dynarocks.it;

/** {@link SecondaryIndexIT} (local and global secondary indexes) against a server on a 3-member etcd cluster. */
@OnEtcd
class SecondaryIndexOnEtcdIT extends SecondaryIndexIT {}
