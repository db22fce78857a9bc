package io.dynarocks.it;

/** {@link ExpressionsIT} (condition, update and projection expressions) against a server on a 3-member etcd cluster. */
@OnEtcd
class ExpressionsOnEtcdIT extends ExpressionsIT {}
