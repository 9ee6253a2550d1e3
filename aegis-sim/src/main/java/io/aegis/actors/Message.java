package io.aegis.actors;

/**
 * Marker for every message that crosses actors. Bound to Jackson CBOR in reference.conf, so messages
 * stay plain data (arrays, numbers, records) that a cluster deployment can send over the wire.
 */
public interface Message {}
