package io.dynarocks.it;

/** {@link BatchIT} (BatchWriteItem and BatchGetItem) against a server on a 3-member etcd cluster. */
@OnEtcd
class BatchOnEtcdIT extends BatchIT {}
