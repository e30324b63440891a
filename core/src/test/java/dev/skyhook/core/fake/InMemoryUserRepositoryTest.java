package dev.skyhook.core.fake;

import dev.skyhook.core.contract.UserRepositoryContract;
import dev.skyhook.core.port.out.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    @Override
    protected UserRepository repository() {
        return new InMemoryUserRepository();
    }
}
