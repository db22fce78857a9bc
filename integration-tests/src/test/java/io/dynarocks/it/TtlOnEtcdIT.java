package io.dynarocks.it;

/** {@link TtlIT} (Time to Live: expiry and sweeps) against a server on a 3-member etcd cluster. */
@OnEtcd
class TtlOnEtcdIT extends TtlIT {}
