package io.dynarocks.it;

/** {@link StreamsIT} (DynamoDB Streams records, iterators and shards) against a server on a 3-member etcd cluster. */
@OnEtcd
class StreamsOnEtcdIT extends StreamsIT {}
