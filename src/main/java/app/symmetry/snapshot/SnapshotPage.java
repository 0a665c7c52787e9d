package app.symmetry.snapshot;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import app.symmetry.domain.Snapshot;

/** One page of {@code listSnapshots}; {@code cursor} is absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotPage(List<Snapshot> items, String cursor) {}
