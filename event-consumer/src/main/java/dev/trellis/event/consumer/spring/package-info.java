/**
 * The kit for a service on spring-kafka: {@link dev.trellis.event.consumer.spring.TrellisBatchListener} and its
 * error handler. The only package of the kit that uses spring-kafka, an optional dependency (an architecture rule
 * checks it).
 */
package dev.trellis.event.consumer.spring;
