package io.dynarocks.dax;

/** A snapshot of one cache's counters. */
public record CacheStatistics(long hits, long misses, long evictions, long size) {}
