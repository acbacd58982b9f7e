package io.dexposure.replayer.publish;

/**
 * Publishing (or finding where to resume) failed. The message says what to do; it names the bootstrap servers,
 * the topic, the week being published (when there was one) and the last committed week as far as known.
 */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
