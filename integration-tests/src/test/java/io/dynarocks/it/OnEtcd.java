package io.dynarocks.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a behaviour test class (through a subclass carrying this annotation) against a server on a
 * 3-member etcd cluster instead of one in memory: see {@link TestStorage}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface OnEtcd {}
