package io.dynarocks.it;

/** {@link QueryIT} (Query: key conditions, order, paging) against a server on a 3-member etcd cluster. */
@OnEtcd
class QueryOnEtcdIT extends QueryIT {}
