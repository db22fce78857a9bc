package io.dynarocks.it;

/** {@link TransactionsIT} (TransactWriteItems and TransactGetItems) against a server on a 3-member etcd cluster. */
@OnEtcd
class TransactionsOnEtcdIT extends TransactionsIT {}
