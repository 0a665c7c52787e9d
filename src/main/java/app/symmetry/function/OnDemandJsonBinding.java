package app.symmetry.function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Funqy's Lambda binding makes a JSON reader and writer for every {@code @Funq} method at start,
 * although one Lambda serves the one function {@code QUARKUS_FUNQY_EXPORT} names. By default
 * Jackson builds each root (de)serializer there and then, so every cold start would pay for
 * introspecting the inputs and outputs of all thirteen functions (snapshots included). Built on
 * first use instead, a cold start pays for its own function only; SnapStart's priming still warms
 * the answer path before the snapshot. Measured in docs/benchmarks.md.
 */
@Singleton
public class OnDemandJsonBinding implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(SerializationFeature.EAGER_SERIALIZER_FETCH);
        mapper.disable(DeserializationFeature.EAGER_DESERIALIZER_FETCH);
    }
}
