package dev.skyhook.core.fake;

import dev.skyhook.core.contract.RideRepositoryContract;
import dev.skyhook.core.port.out.RideRepository;

class InMemoryRideRepositoryTest extends RideRepositoryContract {
    @Override
    protected RideRepository repository() {
        return new InMemoryRideRepository();
    }
}
